import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { EmergencyGrant } from '@/lib/types';
import { grantsKey } from './grants';

export type ReviewInput = { id: string; outcome: 'justified' | 'unjustified'; note?: string };

/** POST /emergency-access/{id}/review {outcome, note?}: 409 when already reviewed. */
export function reviewGrant({ id, ...body }: ReviewInput): Promise<EmergencyGrant> {
  return apiFetch<EmergencyGrant>(`/emergency-access/${encodeURIComponent(id)}/review`, { method: 'POST', body });
}

export function useReviewGrant() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: reviewGrant, onSuccess: () => qc.invalidateQueries({ queryKey: grantsKey }) });
}
