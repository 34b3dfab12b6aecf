import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api';
import type { InvitedItem } from '../types';
import { meetingsKey } from './keys';

/**
 * GET /meeting-items/{id}: the item an occasional member is invited to, the meeting's time and
 * place and the plan of its case; 404 once the meeting is closed or cancelled. Audited.
 */
export function getInvitedItem(id: string, signal?: AbortSignal): Promise<InvitedItem> {
  return apiFetch<InvitedItem>(`/meeting-items/${encodeURIComponent(id)}`, { signal });
}

export const invitedItemQuery = (id: string) =>
  queryOptions({
    queryKey: [...meetingsKey, 'invited-item', id],
    queryFn: ({ signal }) => getInvitedItem(id, signal),
    retry: (count, e) => !(isApiError(e) && e.status === 404) && count < 2,
  });

export function useInvitedItem(id: string) {
  return useQuery(invitedItemQuery(id));
}
