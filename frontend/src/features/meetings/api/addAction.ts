import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingAction } from '../types';
import { refetchMeeting } from './meeting';

export type NewAction = { meetingId: string; itemId: string; title: string; agency_id: string; assignee_id: string; due_at: string };

/**
 * POST /meetings/{id}/items/{item_id}/actions {title, agency_id, assignee_id, due_at}: 201 with
 * the action; 422 on title, agency_id, assignee_id (not an active worker of that agency) or
 * due_at (not still to come).
 */
export function addAction({ meetingId, itemId, ...body }: NewAction): Promise<MeetingAction> {
  return apiFetch<MeetingAction>(`/meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(itemId)}/actions`, { method: 'POST', body });
}

export function useAddAction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addAction, onSuccess: (_a, v) => refetchMeeting(qc, v.meetingId) });
}
