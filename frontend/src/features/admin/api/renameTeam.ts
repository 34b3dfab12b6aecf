import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Team } from '@/lib/types';

/** PATCH /teams/{id} {name}. */
export function renameTeam({ id, name }: { id: string; name: string }): Promise<Team> {
  return apiFetch<Team>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function useRenameTeam() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: renameTeam, onSuccess: () => qc.invalidateQueries({ queryKey: ['teams'] }) });
}
