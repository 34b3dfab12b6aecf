import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import { oncallKey } from './keys';

/** Pages started in one hour of the day, and how long they took to be acknowledged. */
export type AckTime = { hour: number; pages: number; acknowledged: number; median_seconds: number; max_seconds: number };

/** GET /agencies/{id}/acknowledgement-times?days=: per hour of the day in Belgrade time. */
export function getAckTimes(agencyId: string, days: number, signal?: AbortSignal): Promise<List<AckTime>> {
  return apiFetch<List<AckTime>>(`/agencies/${encodeURIComponent(agencyId)}/acknowledgement-times`, { signal, query: { days, tz: 'Europe/Belgrade' } });
}

export const ackTimesQuery = (agencyId: string, days: number) =>
  queryOptions({ queryKey: [...oncallKey, 'ack-times', agencyId, days], queryFn: ({ signal }) => getAckTimes(agencyId, days, signal) });

export function useAckTimes(agencyId: string, days: number) {
  return useQuery(ackTimesQuery(agencyId, days));
}
