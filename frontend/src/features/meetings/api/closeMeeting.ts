import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingDetail } from '../types';
import { storeMeeting } from './meeting';

export type Closing = { meetingId: string; minutes: string };

/**
 * POST /meetings/{id}/close {minutes}: in_progress -> closed; the minutes are immutable from
 * then on. 422 on minutes when empty ("a meeting cannot be closed without minutes").
 */
export function closeMeeting({ meetingId, minutes }: Closing): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(meetingId)}/close`, { method: 'POST', body: { minutes } });
}

export function useCloseMeeting() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: closeMeeting, onSuccess: (d) => storeMeeting(qc, d) });
}
