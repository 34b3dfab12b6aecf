import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Referral, ReferralStatus } from '../types';
import { referralsKey } from './keys';

export type Direction = 'incoming' | 'outgoing';
export const REFERRALS_PAGE_SIZE = 25;

/** GET /referrals?direction=&status=: the agency's incoming or outgoing referrals, newest first, a page per cursor. */
export function getReferrals(direction: Direction, status: ReferralStatus | '', cursor: string | undefined, signal?: AbortSignal): Promise<List<Referral>> {
  return apiFetch<List<Referral>>('/referrals', { signal, query: { direction, status, cursor, limit: REFERRALS_PAGE_SIZE } });
}

export const referralsQuery = (direction: Direction, status: ReferralStatus | '') =>
  infiniteQueryOptions({
    queryKey: [...referralsKey, 'list', direction, status],
    queryFn: ({ pageParam, signal }) => getReferrals(direction, status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export function useReferrals(direction: Direction, status: ReferralStatus | '') {
  return useInfiniteQuery(referralsQuery(direction, status));
}
