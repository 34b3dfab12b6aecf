import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Referral } from '../types';
import { referralsKey } from './keys';

export const referralKey = (id: string) => [...referralsKey, 'detail', id] as const;

/** GET /referrals/{id}: one referral with its history; 404 for anyone on neither side and outside the case. */
export function getReferral(id: string, signal?: AbortSignal): Promise<Referral> {
  return apiFetch<Referral>(`/referrals/${encodeURIComponent(id)}`, { signal });
}

export const referralQuery = (id: string) => queryOptions({ queryKey: referralKey(id), queryFn: ({ signal }) => getReferral(id, signal) });

export function useReferral(id: string) {
  return useQuery(referralQuery(id));
}
