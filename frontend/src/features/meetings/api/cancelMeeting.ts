import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingDetail } from '../types';
import { storeMeeting } from './meeting';

/** POST /meetings/{id}/cancel: planned -> cancelled (kept in lists and calendars; no longer counts for the 15-day rule); 409 from another status. */
export function cancelMeeting(id: string): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

export function useCancelMeeting() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: cancelMeeting, onSuccess: (d) => storeMeeting(qc, d) });
}
