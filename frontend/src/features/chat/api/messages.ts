import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch, type List } from '@/lib/api';
import type { Message } from '../types';
import { messagesKey } from './keys';

export type MessageLog = { items: Message[] };

const PAGE = 500;

/**
 * GET /cases/{id}/messages, every page (oldest first, as stored). The server pages forward
 * from `after`; the chat shows the whole conversation, so all pages are read.
 */
export async function getMessages(caseId: string, signal?: AbortSignal): Promise<Message[]> {
  const out: Message[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await apiFetch<List<Message>>(`/cases/${encodeURIComponent(caseId)}/messages`, { signal, query: { after, limit: PAGE } });
    out.push(...page.items);
    if (!page.next_cursor) return out;
    after = page.next_cursor;
  }
}

/** Adds or replaces messages by id (a later version wins), in storage order. */
export function mergeMessages(base: readonly Message[], more: readonly Message[]): Message[] {
  const byId = new Map(base.map((m) => [m.id, m]));
  for (const m of more) {
    const had = byId.get(m.id);
    if (!had || m.version >= had.version) byId.set(m.id, m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export const messagesQuery = (caseId: string, qc: QueryClient) =>
  queryOptions({
    queryKey: messagesKey(caseId),
    // Messages that came over the websocket while this was loading are kept.
    queryFn: async ({ signal }): Promise<MessageLog> => {
      const fetched = await getMessages(caseId, signal);
      const now = qc.getQueryData<MessageLog>(messagesKey(caseId));
      return { items: mergeMessages(now?.items ?? [], fetched) };
    },
    // The websocket keeps it current; it is read again on opening the chat and after a reconnect.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export function useMessages(caseId: string, qc: QueryClient) {
  return useQuery(messagesQuery(caseId, qc));
}

/** Puts messages from the websocket (or a REST answer) into the cached log. */
export function storeMessages(qc: QueryClient, caseId: string, ms: Message[]) {
  qc.setQueryData<MessageLog>(messagesKey(caseId), (old) => (old ? { items: mergeMessages(old.items, ms) } : old));
}
