import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Attendee } from '../types';
import { refetchMeeting } from './meeting';

/** POST /meetings/{id}/confidentiality: the caller acknowledges for themselves; 409 when the chair has not recorded them present. */
export function acknowledgeConfidentiality(meetingId: string): Promise<Attendee> {
  return apiFetch<Attendee>(`/meetings/${encodeURIComponent(meetingId)}/confidentiality`, { method: 'POST' });
}

export function useAcknowledgeConfidentiality() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: acknowledgeConfidentiality, onSuccess: (_a, meetingId) => refetchMeeting(qc, meetingId) });
}
