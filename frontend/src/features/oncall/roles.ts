import { CASE_ROLES } from '@/lib/roles';
import type { Role, User } from '@/lib/types';

/** Roles that read the rotas (casbin oncall:read): the case roles and the administrator. */
export const ONCALL_ROLES: readonly Role[] = [...CASE_ROLES, 'admin'];

/** A rota is changed by a team lead of its agency, or by an administrator (any agency). */
export function canEditRota(me: Pick<User, 'roles' | 'agency_id'> | null | undefined, agencyId: string): boolean {
  if (!me) return false;
  if (me.roles.includes('admin')) return true;
  return me.roles.includes('team_lead') && String(me.agency_id) === String(agencyId);
}
