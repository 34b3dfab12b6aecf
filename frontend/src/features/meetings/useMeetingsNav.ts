import { hasAnyRole, MEETING_ROLES } from '@/lib/roles';
import type { User } from '@/lib/types';
import { useGroups } from './api/groups';
import { useInvitations } from './api/invitations';

/**
 * Whether the header shows "Meetings": to the members and chairs of a coordination group, and to
 * an occasional member while they are invited to an item of a meeting not yet closed.
 */
export function useMeetingsNav(me: User | null | undefined): boolean {
  const enabled = !!me && hasAnyRole(me.roles, MEETING_ROLES);
  const groups = useGroups(enabled);
  const invitations = useInvitations(enabled);
  if (!enabled) return false;
  return (groups.data?.items.length ?? 0) > 0 || (invitations.data?.items.length ?? 0) > 0;
}
