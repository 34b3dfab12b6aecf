import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { escalationKey } from './keys';

export type Escalation = { step_minutes: number };

/** GET /agencies/{id}/escalation: after how many minutes an unacknowledged page moves on (15 unless set). */
export function getEscalation(agencyId: string, signal?: AbortSignal): Promise<Escalation> {
  return apiFetch<Escalation>(`/agencies/${encodeURIComponent(agencyId)}/escalation`, { signal });
}

export const escalationQuery = (agencyId: string) => queryOptions({ queryKey: escalationKey(agencyId), queryFn: ({ signal }) => getEscalation(agencyId, signal) });

export function useEscalation(agencyId: string) {
  return useQuery(escalationQuery(agencyId));
}
