import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { CasePerson, Relation, Sex } from '@/lib/types';
import { casePeopleKey } from './casePeople';

export type AddCasePersonInput = {
  caseId: string;
  relation: Exclude<Relation, 'subject'>;
  person: { first_name: string; last_name: string; jmbg?: string; date_of_birth?: string; sex?: Sex };
};

/** POST /cases/{id}/people: 409 `conflict` (known elsewhere, or already here) or `wall`. */
export function addCasePerson({ caseId, ...body }: AddCasePersonInput): Promise<CasePerson> {
  return apiFetch<CasePerson>(`/cases/${encodeURIComponent(caseId)}/people`, { method: 'POST', body });
}

export function useAddCasePerson() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addCasePerson, onSuccess: (_p, { caseId }) => qc.invalidateQueries({ queryKey: casePeopleKey(caseId) }) });
}
