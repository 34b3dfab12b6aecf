import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { AgendaItem } from '../types';
import { refetchMeeting } from './meeting';

/** POST /meetings/{id}/agenda/refresh: adds the area's cases not on the agenda yet and moves new repeat cases up; {added, items}. */
export function refreshAgenda(meetingId: string): Promise<{ added: number; items: AgendaItem[] }> {
  return apiFetch<{ added: number; items: AgendaItem[] }>(`/meetings/${encodeURIComponent(meetingId)}/agenda/refresh`, { method: 'POST' });
}

export function useRefreshAgenda() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: refreshAgenda, onSuccess: (_r, meetingId) => refetchMeeting(qc, meetingId) });
}
