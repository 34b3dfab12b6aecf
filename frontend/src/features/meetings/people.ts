import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { useTeams } from '@/api/teams';
import { useCaseMembers } from './api/caseMembers';
import type { MeetingDetail, Person } from './types';

// The people the SPA offers: the group's chair and permanent members (from the meeting), the
// invitees, whoever attended, the members of the caller's teams and of the item's case; for
// invitations the chair also searches by name. The server checks every choice (422 on user_id
// / assignee_id).

function add(into: Map<string, Person>, p: Person) {
  const had = into.get(p.id);
  into.set(p.id, { ...p, agencyId: p.agencyId ?? had?.agencyId, agencyName: p.agencyName ?? had?.agencyName, name: p.name || had?.name || '' });
}

/** Names agencies by id and ids by name (attendance gives only the agency's name). */
function useAgencyIndex() {
  const agencies = useAgencies().data?.items ?? [];
  const byId = new Map(agencies.map((a) => [String(a.id), a]));
  const byName = new Map(agencies.map((a) => [a.name, a]));
  return { agencies, byId, byName };
}

/** Who attends: the group's chair and permanent members, the invitees, and anyone recorded. */
export function useRoster(d: MeetingDetail): { people: Person[]; isPending: boolean } {
  const me = useMe().data;
  const { byId, byName } = useAgencyIndex();
  const isPending = false;
  const out = new Map<string, Person>();
  const withId = (p: Person): Person => ({ ...p, agencyId: p.agencyId ?? (p.agencyName ? byName.get(p.agencyName)?.id : undefined) });
  if (me && String(me.id) === String(d.chair_id)) add(out, withId({ id: String(me.id), name: me.display_name, agencyId: String(me.agency_id), agencyName: byId.get(String(me.agency_id))?.name }));
  for (const a of d.group_members ?? []) add(out, withId({ id: a.user_id, name: a.display_name, agencyName: a.agency_name }));
  for (const it of d.items) for (const i of it.invitees) add(out, withId({ id: i.user_id, name: i.display_name, agencyName: i.agency_name }));
  for (const a of d.attendance) add(out, withId({ id: a.user_id, name: a.display_name, agencyName: a.agency_name }));
  if (!out.has(String(d.chair_id))) add(out, { id: String(d.chair_id), name: '' });
  return { people: [...out.values()].filter((p) => p.name), isPending };
}

/** Everyone the caller can name on an action: the roster, their teams' members, the item's case's members. */
export function useKnownPeople(d: MeetingDetail, caseId: string | null): { people: Person[]; isPending: boolean } {
  const roster = useRoster(d);
  const teams = useTeams();
  const kase = useCaseMembers(caseId);
  const { byId } = useAgencyIndex();
  const out = new Map<string, Person>();
  for (const p of roster.people) add(out, p);
  for (const team of teams.data?.items ?? []) {
    for (const m of team.members) add(out, { id: String(m.id), name: m.display_name, agencyId: String(m.agency_id), agencyName: byId.get(String(m.agency_id))?.name });
  }
  for (const m of kase.data?.members ?? []) add(out, { id: String(m.user_id), name: m.display_name, agencyId: String(m.agency_id), agencyName: byId.get(String(m.agency_id))?.name });
  return { people: sortPeople([...out.values()]), isPending: roster.isPending || teams.isPending };
}

/** Whom the chair may invite to an item: people known, outside the group as far as the SPA can tell. */
export function useInviteCandidates(d: MeetingDetail, caseId: string | null, invited: readonly string[]) {
  const known = useKnownPeople(d, caseId);
  const roster = useRoster(d);
  const inGroup = new Set(roster.people.filter((p) => !d.items.some((it) => it.invitees.some((i) => i.user_id === p.id))).map((p) => p.id));
  inGroup.add(String(d.chair_id));
  return { people: known.people.filter((p) => !inGroup.has(p.id) && !invited.includes(p.id)), isPending: known.isPending };
}

export function sortPeople(people: Person[]): Person[] {
  return [...people].sort((a, b) => (a.agencyName ?? '').localeCompare(b.agencyName ?? '', 'sr') || a.name.localeCompare(b.name, 'sr'));
}

/** People grouped by agency, agencies by name. */
export function byAgency(people: readonly Person[], unknownAgency: string): { agency: string; people: Person[] }[] {
  const groups = new Map<string, Person[]>();
  for (const p of sortPeople([...people])) {
    const k = p.agencyName || unknownAgency;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  return [...groups.entries()].map(([agency, ps]) => ({ agency, people: ps }));
}
