import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { AgendaItem, MeetingDetail } from '../types';
import { meetingKey, refetchMeeting } from './meeting';

export type Reorder = { meetingId: string; itemIds: string[] };

/**
 * PUT /meetings/{id}/agenda/order {item_ids}: every item once, in the new order (each keeps its
 * section); 422 on item_ids when one is left out or repeated, 409 once the meeting is closed.
 */
export function reorderAgenda({ meetingId, itemIds }: Reorder): Promise<{ items: AgendaItem[] }> {
  return apiFetch<{ items: AgendaItem[] }>(`/meetings/${encodeURIComponent(meetingId)}/agenda/order`, { method: 'PUT', body: { item_ids: itemIds } });
}

/** Moves the items at once on screen, and puts them back if the server refuses. */
export function useReorderAgenda() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: reorderAgenda,
    onMutate: async ({ meetingId, itemIds }) => {
      await qc.cancelQueries({ queryKey: meetingKey(meetingId) });
      const before = qc.getQueryData<MeetingDetail>(meetingKey(meetingId));
      if (before) {
        const byId = new Map(before.items.map((i) => [i.id, i]));
        qc.setQueryData<MeetingDetail>(meetingKey(meetingId), { ...before, items: itemIds.map((id) => byId.get(id)).filter((i): i is AgendaItem => !!i) });
      }
      return { before };
    },
    onError: (_e, { meetingId }, ctx) => {
      if (ctx?.before) qc.setQueryData(meetingKey(meetingId), ctx.before);
    },
    onSuccess: (r, { meetingId }) => {
      const d = qc.getQueryData<MeetingDetail>(meetingKey(meetingId));
      if (d) qc.setQueryData<MeetingDetail>(meetingKey(meetingId), { ...d, items: r.items });
    },
    onSettled: (_r, _e, { meetingId }) => refetchMeeting(qc, meetingId),
  });
}
