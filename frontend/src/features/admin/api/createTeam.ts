import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Team } from '@/lib/types';

/** POST /teams {name}. */
export function createTeam(name: string): Promise<Team> {
  return apiFetch<Team>('/teams', { method: 'POST', body: { name } });
}

export function useCreateTeam() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createTeam, onSuccess: () => qc.invalidateQueries({ queryKey: ['teams'] }) });
}
