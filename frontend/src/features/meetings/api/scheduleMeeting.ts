import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Meeting } from '../types';
import { meetingsKey } from './keys';

export type NewMeeting = { groupId: string; starts_at: string; location?: string; reason?: string };

/**
 * POST /coordination-groups/{id}/meetings {starts_at, location?, reason?}: 201 with the planned
 * meeting; 422 on starts_at (past, or more than 15 days after the previous meeting without a
 * reason), location or reason; 403 for a member who is not the chair.
 */
export function scheduleMeeting({ groupId, ...body }: NewMeeting): Promise<Meeting> {
  return apiFetch<Meeting>(`/coordination-groups/${encodeURIComponent(groupId)}/meetings`, { method: 'POST', body });
}

export function useScheduleMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: scheduleMeeting,
    onSuccess: (_m, v) => {
      void qc.invalidateQueries({ queryKey: [...meetingsKey, 'group', v.groupId] });
    },
  });
}
