import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingDetail } from '../types';
import { storeMeeting } from './meeting';

export type NewAddendum = { meetingId: string; body: string };

/** POST /meetings/{id}/addenda {body}: 201 with the meeting; a correction to closed minutes (409 before closing). */
export function addAddendum({ meetingId, body }: NewAddendum): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(meetingId)}/addenda`, { method: 'POST', body: { body } });
}

export function useAddAddendum() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addAddendum, onSuccess: (d) => storeMeeting(qc, d) });
}
