import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Agency, AgencyType } from '@/lib/types';

export type AgencyInput = { name: string; type: AgencyType; municipality: string };

/** POST /agencies. */
export function createAgency(input: AgencyInput): Promise<Agency> {
  return apiFetch<Agency>('/agencies', { method: 'POST', body: input });
}

export function useCreateAgency() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createAgency, onSuccess: () => qc.invalidateQueries({ queryKey: ['agencies'] }) });
}
