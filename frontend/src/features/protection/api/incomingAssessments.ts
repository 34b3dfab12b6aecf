import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { RiskAssessment } from '../types';
import { protectionKey } from './keys';

/** GET /risk-assessments: the police's assessments sent to the caller's agency, newest first. */
export function getIncomingAssessments(signal?: AbortSignal): Promise<List<RiskAssessment>> {
  return apiFetch<List<RiskAssessment>>('/risk-assessments', { signal });
}

export const incomingAssessmentsQuery = () =>
  queryOptions({ queryKey: [...protectionKey, 'risk', 'incoming'], queryFn: ({ signal }) => getIncomingAssessments(signal) });

export function useIncomingAssessments() {
  return useQuery(incomingAssessmentsQuery());
}
