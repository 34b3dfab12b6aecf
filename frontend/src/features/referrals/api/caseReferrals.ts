import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Referral } from '../types';
import { referralsKey } from './keys';

export const caseReferralsKey = (caseId: string) => [...referralsKey, 'case', caseId] as const;

/** GET /cases/{id}/referrals: every referral of a case the caller may see, newest first. */
export function getCaseReferrals(caseId: string, signal?: AbortSignal): Promise<List<Referral>> {
  return apiFetch<List<Referral>>(`/cases/${encodeURIComponent(caseId)}/referrals`, { signal, query: { limit: 100 } });
}

export const caseReferralsQuery = (caseId: string) => queryOptions({ queryKey: caseReferralsKey(caseId), queryFn: ({ signal }) => getCaseReferrals(caseId, signal) });

export function useCaseReferrals(caseId: string) {
  return useQuery(caseReferralsQuery(caseId));
}
