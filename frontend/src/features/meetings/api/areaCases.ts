import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { CaseSummary } from '@/lib/types';
import { meetingsKey } from './keys';

/** GET /cases?category=domestic_violence: the domestic-violence cases the caller sees (the chair: those of the group's area). */
export function getAreaCases(signal?: AbortSignal): Promise<List<CaseSummary>> {
  return apiFetch<List<CaseSummary>>('/cases', { signal, query: { category: 'domestic_violence', limit: 100 } });
}

export const areaCasesQuery = () => queryOptions({ queryKey: [...meetingsKey, 'area-cases'], queryFn: ({ signal }) => getAreaCases(signal) });

export function useAreaCases(enabled: boolean) {
  return useQuery({ ...areaCasesQuery(), enabled });
}
