import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Meeting } from '../types';
import { meetingsKey } from './keys';

export const groupMeetingsKey = (groupId: string) => [...meetingsKey, 'group', groupId, 'list'] as const;

/** GET /coordination-groups/{id}/meetings: the group's meetings, newest first (404 outside the group). */
export function getGroupMeetings(groupId: string, signal?: AbortSignal): Promise<List<Meeting>> {
  return apiFetch<List<Meeting>>(`/coordination-groups/${encodeURIComponent(groupId)}/meetings`, { signal });
}

export const groupMeetingsQuery = (groupId: string) =>
  queryOptions({ queryKey: groupMeetingsKey(groupId), queryFn: ({ signal }) => getGroupMeetings(groupId, signal) });

export function useGroupMeetings(groupId: string) {
  return useQuery(groupMeetingsQuery(groupId));
}
