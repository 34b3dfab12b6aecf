import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Team } from '@/lib/types';
import { usersKey } from './users';

/** POST /teams/{id}/members {user_id}. */
export function addTeamMember({ teamId, userId }: { teamId: string; userId: string }): Promise<Team> {
  return apiFetch<Team>(`/teams/${encodeURIComponent(teamId)}/members`, { method: 'POST', body: { user_id: userId } });
}

export function useAddTeamMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: addTeamMember,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['teams'] }), qc.invalidateQueries({ queryKey: usersKey })]),
  });
}
