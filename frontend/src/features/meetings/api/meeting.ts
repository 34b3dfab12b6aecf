import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiFetch, buildUrl } from '@/lib/api';
import type { MeetingDetail } from '../types';
import { meetingsKey } from './keys';

export const meetingKey = (id: string) => [...meetingsKey, 'detail', id] as const;

/**
 * GET /meetings/{id}: the meeting with its agenda (records, actions, invitees), attendance,
 * addenda, the earlier actions to review and the preparation; 404 outside the group (an
 * invitee included). The read is audited.
 */
export function getMeeting(id: string, signal?: AbortSignal): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(id)}`, { signal });
}

export const meetingQuery = (id: string) => queryOptions({ queryKey: meetingKey(id), queryFn: ({ signal }) => getMeeting(id, signal) });

export function useMeeting(id: string, enabled = true) {
  return useQuery({ ...meetingQuery(id), enabled });
}

/** After a change answered with the whole meeting: keep it, and let the lists catch up. */
export function storeMeeting(qc: QueryClient, d: MeetingDetail) {
  qc.setQueryData(meetingKey(d.id), d);
  void qc.invalidateQueries({ queryKey: [...meetingsKey, 'group', d.group_id] });
}

/** After a change answered with a part of the meeting: read the meeting again. */
export function refetchMeeting(qc: QueryClient, id: string) {
  return qc.invalidateQueries({ queryKey: meetingKey(id) });
}

/** GET /meetings/{id}/minutes.pdf?script=: the closed minutes as PDF, Cyrillic unless asked for Latin. */
export function minutesPdfUrl(id: string, script: 'cyrl' | 'latn'): string {
  return buildUrl(`/meetings/${encodeURIComponent(id)}/minutes.pdf`, { script });
}

/** GET /meetings/{id}/meeting.ics: one meeting as an iCalendar event (no case, no person). */
export function meetingIcsUrl(id: string): string {
  return buildUrl(`/meetings/${encodeURIComponent(id)}/meeting.ics`);
}
