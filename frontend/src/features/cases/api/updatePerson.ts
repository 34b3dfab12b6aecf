import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Person } from '@/lib/types';
import { caseKey } from './case';

export type PersonPatch = {
  address?: string;
  phone?: string;
  preferred_language?: string;
  interpreter_needed?: boolean;
  safe_to_contact?: boolean;
  safe_channel?: string;
};

/** PATCH /people/{id}: contact details, safe-contact instructions and language. */
export function updatePerson({ personId, caseId: _caseId, ...body }: { personId: string; caseId: string } & PersonPatch): Promise<Person> {
  return apiFetch<Person>(`/people/${encodeURIComponent(personId)}`, { method: 'PATCH', body });
}

export function useUpdatePerson() {
  const qc = useQueryClient();
  // The case holds its subject too (the overview shows safe-to-contact): refetch both.
  return useMutation({ mutationFn: updatePerson, onSuccess: (_p, { caseId }) => qc.invalidateQueries({ queryKey: caseKey(caseId) }) });
}
