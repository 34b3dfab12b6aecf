import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Referral, ReferralAction } from '../types';
import { referralKey } from './referral';
import { referralsKey } from './keys';

export type ReferralStep = { id: string; action: ReferralAction; note?: string };

/**
 * POST /referrals/{id}/accept|start|complete|cancel {note?} or /reject {reason}: 200 with the
 * referral; 403 for the other side's action, 409 from a state that does not allow it.
 */
export function actOnReferral({ id, action, note }: ReferralStep): Promise<Referral> {
  const text = note?.trim();
  const body = action === 'reject' ? { reason: text ?? '' } : text ? { note: text } : {};
  return apiFetch<Referral>(`/referrals/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
}

export function useActOnReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: actOnReferral,
    onSuccess: (r, step) => {
      qc.setQueryData(referralKey(r.id), r);
      void qc.invalidateQueries({ queryKey: referralsKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      if (step.action === 'accept') {
        // The case, perhaps remembered as "not found", is the user's now: fetch it again.
        qc.removeQueries({ queryKey: ['cases', 'detail', String(r.case_id)] });
        void qc.invalidateQueries({ queryKey: ['cases'] });
      }
    },
  });
}
