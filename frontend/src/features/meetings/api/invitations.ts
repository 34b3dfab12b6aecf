import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Invitation } from '../types';
import { meetingsKey } from './keys';

export const invitationsKey = [...meetingsKey, 'invitations'] as const;

/** GET /me/invitations: the agenda items the caller is invited to, in meetings not yet closed. */
export function getInvitations(signal?: AbortSignal): Promise<List<Invitation>> {
  return apiFetch<List<Invitation>>('/me/invitations', { signal });
}

export const invitationsQuery = () => queryOptions({ queryKey: invitationsKey, queryFn: ({ signal }) => getInvitations(signal), staleTime: 60_000 });

export function useInvitations(enabled = true) {
  return useQuery({ ...invitationsQuery(), enabled });
}
