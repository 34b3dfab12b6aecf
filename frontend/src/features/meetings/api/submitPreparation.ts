import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { PrepItem, PrepKind } from '../types';
import { refetchMeeting } from './meeting';

export type Preparation = { meetingId: string; kind: PrepKind; body: string };

/**
 * PUT /meetings/{id}/preparation/{kind} {body}: the police table by a permanent member of a
 * police station, the CSR table by one of a CSR, the registry check by the chair; a later
 * one replaces the earlier. 403 for anyone else, 409 once the meeting started, 422 on body.
 */
export function submitPreparation({ meetingId, kind, body }: Preparation): Promise<{ items: PrepItem[] }> {
  return apiFetch<{ items: PrepItem[] }>(`/meetings/${encodeURIComponent(meetingId)}/preparation/${kind}`, { method: 'PUT', body: { body } });
}

export function useSubmitPreparation() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: submitPreparation, onSuccess: (_r, v) => refetchMeeting(qc, v.meetingId) });
}
