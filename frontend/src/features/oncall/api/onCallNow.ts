import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { AgencyOnCall } from '../types';
import { oncallKey } from './keys';

/** GET /on-call: every agency (but the system's) by name, with the shift covering now or null. */
export function getOnCallNow(signal?: AbortSignal): Promise<List<AgencyOnCall>> {
  return apiFetch<List<AgencyOnCall>>('/on-call', { signal, query: { limit: 200 } });
}

export const onCallNowQuery = () =>
  queryOptions({ queryKey: [...oncallKey, 'now'], queryFn: ({ signal }) => getOnCallNow(signal), refetchInterval: 60_000 });

export function useOnCallNow() {
  return useQuery(onCallNowQuery());
}
