// Shared fixtures for the meetings tests (demo-like data: the Kikinda group, Babić and Jović).
import { vi } from 'vitest';
import { jsonResponse } from '@/test/render';
import type { User } from '@/lib/types';
import type { AgendaItem, MeetingDetail } from './types';

export const chairUser = {
  id: 'u-chair',
  username: 'demo.prosecutor',
  display_name: 'Dragan Stojanović',
  agency_id: 'a-ojt',
  roles: ['coordination_chair'],
  team_ids: [],
  language: 'en',
  must_change_password: false,
} as unknown as User;

export const agencies = [
  { id: 'a-ojt', name: 'OJT Kikinda', type: 'prosecutor', municipality: 'Kikinda' },
  { id: 'a-ps', name: 'PS Kikinda', type: 'police', municipality: 'Kikinda' },
  { id: 'a-csr', name: 'CSR Kikinda', type: 'csr', municipality: 'Kikinda' },
  { id: 'a-dz', name: 'Dom zdravlja Kikinda', type: 'health', municipality: 'Kikinda' },
];

export function item(over: Partial<AgendaItem>): AgendaItem {
  return {
    id: 'i1',
    meeting_id: 'm1',
    case_id: null,
    title: 'Item',
    section: 'other',
    position: 1,
    repeat: false,
    risk_level: null,
    records: [],
    actions: [],
    invitees: [],
    created_at: '2026-11-14T11:00:00Z',
    ...over,
  };
}

export function detail(over: Partial<MeetingDetail> = {}): MeetingDetail {
  return {
    id: 'm1',
    group_id: 'g1',
    starts_at: '2099-11-28T09:00:00Z',
    location: 'OJT Kikinda, sala 2',
    late_reason: '',
    status: 'in_progress',
    minutes: '',
    created_by: 'u-chair',
    created_at: '2026-11-14T11:00:00Z',
    opened_at: '2026-11-28T09:00:00Z',
    closed_at: null,
    days_after_previous: 14,
    group_name: 'Grupa za koordinaciju i saradnju OJT Kikinda',
    chair_id: 'u-chair',
    my_role: 'chair',
    items: [
      item({ id: 'i-babic', case_id: 'c-babic', title: 'Porodica Babić', section: 'new', position: 1, risk_level: 'very_high' }),
      item({ id: 'i-jovic', case_id: 'c-jovic', title: 'Porodica Jović', section: 'ongoing', position: 1, risk_level: 'high' }),
    ],
    attendance: [],
    addenda: [],
    actions_to_review: [],
    preparation: [],
    group_members: [
      { user_id: 'u-chair', display_name: 'Dragan Stojanović', agency_name: 'OJT Kikinda' },
      { user_id: 'u-police', display_name: 'Milan Jovanović', agency_name: 'PS Kikinda' },
      { user_id: 'u-social', display_name: 'Marija Petrović', agency_name: 'CSR Kikinda' },
    ],
    ...over,
  };
}

type Handler = (url: string, init: RequestInit | undefined) => Response | undefined;

/** Answers the reads every meeting component makes, then asks `handler` for the rest (404 otherwise). */
export function mockApi(handler: Handler = () => undefined) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const own = handler(url, init);
    if (own) return own;
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url.startsWith('/api/v1/teams')) return jsonResponse(200, { items: [], next_cursor: null });
    if (/\/coordination-groups\/g1\/meetings/.test(url)) return jsonResponse(200, { items: [], next_cursor: null });
    return jsonResponse(404, { code: 'not_found' });
  });
}

/** The calls made with a method other than GET, with their parsed bodies. */
export function writes(m: ReturnType<typeof mockApi>) {
  return m.mock.calls
    .filter(([, i]) => i?.method && i.method !== 'GET')
    .map(([u, i]) => ({ url: String(u), method: i!.method, body: i!.body ? JSON.parse(String(i!.body)) : undefined }));
}
