import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingDetail } from '../types';
import { storeMeeting } from './meeting';

/** POST /meetings/{id}/start: planned -> in_progress (the agenda is built once more); 409 from another status. */
export function startMeeting(id: string): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(id)}/start`, { method: 'POST' });
}

export function useStartMeeting() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: startMeeting, onSuccess: (d) => storeMeeting(qc, d) });
}
