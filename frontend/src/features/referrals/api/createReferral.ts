import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Referral, Urgency } from '../types';
import { referralKey } from './referral';
import { referralsKey } from './keys';

export type NewReferral = { case_id: string; to_agency_id: string; reason: string; summary?: string; urgency: Urgency };

/** POST /referrals: 201 with the referral; 422 names to_agency_id, urgency, reason or summary; 403 under emergency access. */
export function createReferral(body: NewReferral): Promise<Referral> {
  return apiFetch<Referral>('/referrals', { method: 'POST', body });
}

export function useCreateReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createReferral,
    onSuccess: (r) => {
      qc.setQueryData(referralKey(r.id), r);
      void qc.invalidateQueries({ queryKey: referralsKey });
    },
  });
}
