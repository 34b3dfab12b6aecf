import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, buildUrl } from '@/lib/api';
import type { Statistics } from '../types';
import { meetingsKey } from './keys';

export type Period = { from: string; to: string };

const path = (groupId: string) => `/coordination-groups/${encodeURIComponent(groupId)}/statistics`;

/** GET /coordination-groups/{id}/statistics?from=&to=: the group's counters for the days from..to (422 on from or to). */
export function getStatistics(groupId: string, period: Period, signal?: AbortSignal): Promise<Statistics> {
  return apiFetch<Statistics>(path(groupId), { signal, query: { from: period.from, to: period.to } });
}

/** The same counters as a CSV file (the browser downloads it with the session cookie). */
export function statisticsCsvUrl(groupId: string, period: Period): string {
  return buildUrl(path(groupId), { from: period.from, to: period.to, format: 'csv' });
}

export const statisticsQuery = (groupId: string, period: Period) =>
  queryOptions({
    queryKey: [...meetingsKey, 'group', groupId, 'statistics', period.from, period.to],
    queryFn: ({ signal }) => getStatistics(groupId, period, signal),
  });

export function useStatistics(groupId: string, period: Period | null) {
  return useQuery({ ...statisticsQuery(groupId, period ?? { from: '', to: '' }), enabled: !!period });
}
