import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingAction, Outcome } from '../types';
import { refetchMeeting } from './meeting';

export type Review = { meetingId: string; actionId: string; outcome: Outcome };

/** POST /meetings/{id}/actions/{action_id}/review {outcome}: the action reviewed; 409 when reviewed already. */
export function reviewAction({ meetingId, actionId, outcome }: Review): Promise<MeetingAction> {
  return apiFetch<MeetingAction>(`/meetings/${encodeURIComponent(meetingId)}/actions/${encodeURIComponent(actionId)}/review`, { method: 'POST', body: { outcome } });
}

export function useReviewAction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reviewAction, onSuccess: (_a, v) => refetchMeeting(qc, v.meetingId) });
}
