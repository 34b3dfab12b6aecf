import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Alert } from '@/lib/types';

export const alertsKey = ['alerts'] as const;
export type AlertStatus = 'open' | 'all';

/**
 * How often the open alerts are fetched again (the badge in the header, the alerts page): only a
 * fallback, since the websocket's alert frames have them read again as soon as one changes.
 */
export const ALERTS_REFRESH_MS = 120_000;

/** GET /alerts?status=: the caller's alerts (no personal data in them). */
export function getAlerts(status: AlertStatus, signal?: AbortSignal): Promise<List<Alert>> {
  return apiFetch<List<Alert>>('/alerts', { signal, query: { status, limit: 100 } });
}

export const alertsQuery = (status: AlertStatus) =>
  queryOptions({
    queryKey: [...alertsKey, status],
    queryFn: ({ signal }) => getAlerts(status, signal),
    refetchInterval: ALERTS_REFRESH_MS,
  });

export function useAlerts(status: AlertStatus, enabled = true) {
  return useQuery({ ...alertsQuery(status), enabled });
}
