import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';

/** An event a partner system (police, hospital, care home) sent about a person of the case. */
export type InboundEvent = {
  id: string;
  type: 'police_intervention' | 'hospital_admission' | 'hospital_discharge' | 'residential_care_incident' | (string & {});
  system_name: string;
  agency_name: string;
  occurred_at: string;
  received_at: string;
  urgent_measure: boolean;
  sensitivity: string;
  /** Null when withheld from the caller's role, or when the partner wrote none. */
  note: string | null;
  withheld: boolean;
};

/** GET /cases/{id}/inbound-events: newest first; the read is audited. */
export function getInboundEvents(caseId: string, signal?: AbortSignal): Promise<List<InboundEvent>> {
  return apiFetch<List<InboundEvent>>(`/cases/${encodeURIComponent(caseId)}/inbound-events`, { signal, query: { limit: 20 } });
}

export const inboundEventsQuery = (caseId: string) =>
  queryOptions({ queryKey: ['cases', caseId, 'inbound-events'], queryFn: ({ signal }) => getInboundEvents(caseId, signal) });

export function useInboundEvents(caseId: string, enabled = true) {
  return useQuery({ ...inboundEventsQuery(caseId), enabled });
}
