import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';

/** A coordination group as administrators manage it (GET /admin/coordination-groups). */
export type GroupDetail = {
  id: string;
  name: string;
  chair_id: string;
  chair_name: string;
  areas: string[];
  members: { id: string; username: string; display_name: string; agency_id: string; roles: string[] }[];
};

export const groupsKey = ['admin', 'coordination-groups'] as const;

export function getGroups(signal?: AbortSignal): Promise<List<GroupDetail>> {
  return apiFetch<List<GroupDetail>>('/admin/coordination-groups', { signal, query: { limit: 200 } });
}

export const groupsQuery = () => queryOptions({ queryKey: groupsKey, queryFn: ({ signal }) => getGroups(signal) });

export function useGroups() {
  return useQuery(groupsQuery());
}

export type GroupInput = { name?: string; chair_id?: string; areas?: string[] };

/** POST /admin/coordination-groups, or PATCH /admin/coordination-groups/{id} with an id. */
export function saveGroup({ id, ...body }: GroupInput & { id?: string }): Promise<GroupDetail> {
  return id
    ? apiFetch<GroupDetail>(`/admin/coordination-groups/${encodeURIComponent(id)}`, { method: 'PATCH', body })
    : apiFetch<GroupDetail>('/admin/coordination-groups', { method: 'POST', body });
}

/** POST or DELETE /admin/coordination-groups/{id}/members[/{user_id}]. */
export function setGroupMember({ id, userId, add }: { id: string; userId: string; add: boolean }): Promise<unknown> {
  return add
    ? apiFetch(`/admin/coordination-groups/${encodeURIComponent(id)}/members`, { method: 'POST', body: { user_id: userId } })
    : apiFetch(`/admin/coordination-groups/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function useSaveGroup() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: saveGroup, onSuccess: () => qc.invalidateQueries({ queryKey: groupsKey }) });
}

export function useSetGroupMember() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setGroupMember, onSuccess: () => qc.invalidateQueries({ queryKey: groupsKey }) });
}
