import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { AgendaItem, Section } from '../types';
import { refetchMeeting } from './meeting';

export type NewItem = { meetingId: string; title?: string; case_id?: string; section?: Section };

/**
 * POST /meetings/{id}/items {title} or {case_id, section?}: 201 with the item (a topic goes to
 * "other" unless told); 409 when the case is on the agenda already or the meeting is closed;
 * 422 on title, case_id or section.
 */
export function addItem({ meetingId, ...body }: NewItem): Promise<AgendaItem> {
  return apiFetch<AgendaItem>(`/meetings/${encodeURIComponent(meetingId)}/items`, { method: 'POST', body });
}

export function useAddItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addItem, onSuccess: (_i, v) => refetchMeeting(qc, v.meetingId) });
}
