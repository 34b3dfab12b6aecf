import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { MeetingDetail, Presence } from '../types';
import { storeMeeting } from './meeting';

export type AttendanceChange = { meetingId: string; userId: string; presence: Presence };

/**
 * PUT /meetings/{id}/attendance {user_id, presence}: the meeting; for the group's members and
 * the meeting's invitees (422 on user_id otherwise); only while it runs (409).
 */
export function setAttendance({ meetingId, userId, presence }: AttendanceChange): Promise<MeetingDetail> {
  return apiFetch<MeetingDetail>(`/meetings/${encodeURIComponent(meetingId)}/attendance`, { method: 'PUT', body: { user_id: userId, presence } });
}

export function useSetAttendance() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: setAttendance, onSuccess: (d) => storeMeeting(qc, d) });
}
