import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingRecord } from '../types';
import { refetchMeeting } from './meeting';

export type NewRecord = { meetingId: string; itemId: string; kind: MeetingRecord['kind']; body: string };

/** POST /meetings/{id}/items/{item_id}/records {kind, body}: 201 with the note or decision (never edited); 409 unless the meeting runs; 422 on kind or body. */
export function addRecord({ meetingId, itemId, kind, body }: NewRecord): Promise<MeetingRecord> {
  return apiFetch<MeetingRecord>(`/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/records`, { method: 'POST', body: { kind, body } });
}

export function useAddRecord() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addRecord, onSuccess: (_r, v) => refetchMeeting(qc, v.meetingId) });
}
