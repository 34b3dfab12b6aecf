import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Agency } from '@/lib/types';
import type { AgencyInput } from './createAgency';

/** PATCH /agencies/{id}. */
export function updateAgency({ id, ...patch }: Partial<AgencyInput> & { id: string }): Promise<Agency> {
  return apiFetch<Agency>(`/agencies/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

export function useUpdateAgency() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateAgency, onSuccess: () => qc.invalidateQueries({ queryKey: ['agencies'] }) });
}
