import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { usersKey } from './users';

/** DELETE /teams/{id}/members/{user_id}. */
export function removeTeamMember({ teamId, userId }: { teamId: string; userId: string }): Promise<void> {
  return apiFetch<void>(`/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function useRemoveTeamMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: removeTeamMember,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['teams'] }), qc.invalidateQueries({ queryKey: usersKey })]),
  });
}
