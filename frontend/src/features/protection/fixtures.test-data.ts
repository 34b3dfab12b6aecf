// Shared test data for the protection feature's tests (not a test file itself).
import type { CasePerson, User } from '@/lib/types';
import type { UrgentMeasure } from './types';

const H = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

export function user(roles: User['roles'], over: Partial<User> = {}): User {
  return {
    id: 'u-me', username: 'demo.x', display_name: 'Test User', agency_id: 'a-ps', roles, team_ids: ['t1'], active: true, mfa_enabled: false,
    must_change_password: false, language: 'en', created_at: '2026-01-01T00:00:00Z', deactivated_at: null, ...over,
  };
}

/** A measure served `servedHoursAgo` hours ago, by default in force with its proposal still to come. */
export function measure(servedHoursAgo: number, over: Partial<UrgentMeasure> = {}): UrgentMeasure {
  const served = Date.now() - servedHoursAgo * H;
  return {
    id: 'm1', case_id: 'c1', kind: 'removal_from_home', order_number: 'PU-KI 312/26', perpetrator_id: null, status: 'active',
    issued_at: iso(served - H), served_at: iso(served), expires_at: iso(served + 48 * H), proposal_due_at: iso(served + 24 * H),
    proposed_at: null, decision_due_at: null, decision: null, decided_at: null, extended_until: null, ended_at: null, court_after_expiry: false,
    created_by: 'u-police', created_at: iso(served), updated_at: iso(served), appeals: [],
    events: [
      { seq: 1, action: 'issue', occurred_at: iso(served - H), note: '', actor_id: 'u-police', recorded_at: iso(served) },
      { seq: 2, action: 'serve', occurred_at: iso(served), note: '', actor_id: 'u-police', recorded_at: iso(served + 60_000) },
    ],
    ...over,
  };
}

export function person(id: string, first: string, last: string, relation: CasePerson['relation'], dob: string | null = null): CasePerson {
  return {
    relation, added_at: '2026-11-01T00:00:00Z',
    person: { id, first_name: first, last_name: last, jmbg_masked: null, has_jmbg: false, date_of_birth: dob, sex: null, address: null, phone: null,
      preferred_language: null, interpreter_needed: false, safe_to_contact: true, safe_channel: null, created_at: '2026-11-01T00:00:00Z' },
  };
}

export const agencies = [
  { id: 'a-sys', name: 'Zajedno', type: 'system', municipality: '' },
  { id: 'a-csr', name: 'CSR Kikinda', type: 'csr', municipality: 'Kikinda' },
  { id: 'a-dz', name: 'Dom zdravlja Kikinda', type: 'health', municipality: 'Kikinda' },
  { id: 'a-ps', name: 'PS Kikinda', type: 'police', municipality: 'Kikinda' },
  { id: 'a-ojt', name: 'OJT Kikinda', type: 'prosecutor', municipality: 'Kikinda' },
];
