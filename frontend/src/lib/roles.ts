import type { Role, Sensitivity } from './types';

/** Roles that work on cases (casbin cases:read / cases:write). */
export const CASE_ROLES: readonly Role[] = ['social_worker', 'nurse', 'police_liaison', 'care_worker', 'coordination_chair', 'team_lead'];

/** Roles that may ask for emergency access ("break the glass") to a case they are not in. */
export const BREAK_GLASS_ROLES: readonly Role[] = ['social_worker', 'nurse', 'police_liaison', 'team_lead', 'coordination_chair'];

/** Roles that receive alerts: case workers, and auditors (told of every emergency access). */
export const ALERT_ROLES: readonly Role[] = [...CASE_ROLES, 'auditor'];

/** Who takes in events from partner systems (the intake queue): social workers and team leads of the CSR. */
export const INTAKE_ROLES: readonly Role[] = ['social_worker', 'team_lead'];

/** Roles that review emergency access. */
export const REVIEW_ROLES: readonly Role[] = ['team_lead', 'auditor'];

/** Roles that may read the coordination group's meetings (casbin meetings:read); the group decides the rest. */
export const MEETING_ROLES: readonly Role[] = ['social_worker', 'nurse', 'police_liaison', 'care_worker', 'team_lead', 'coordination_chair'];

/** Roles whose agency receives reports of domestic violence (police, prosecutor's office): the inbox in the header. */
export const VIOLENCE_REPORT_ROLES: readonly Role[] = ['police_liaison', 'coordination_chair'];

export function hasAnyRole(roles: readonly Role[] | undefined, wanted: readonly Role[]): boolean {
  return !!roles && roles.some((r) => wanted.includes(r));
}

const readers: Record<Sensitivity, readonly Role[] | 'all'> = {
  general: 'all',
  social: ['social_worker', 'care_worker'],
  health: ['nurse'],
  police: ['police_liaison', 'coordination_chair'],
};

/** The entry sensitivities a user's roles may read, and therefore write. */
export function readableSensitivities(roles: readonly Role[]): Sensitivity[] {
  return (Object.keys(readers) as Sensitivity[]).filter((s) => readers[s] === 'all' || hasAnyRole(roles, readers[s] as readonly Role[]));
}
