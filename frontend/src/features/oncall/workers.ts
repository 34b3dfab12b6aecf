import { useTeams } from '@/api/teams';
import type { TeamMember } from '@/lib/types';

/**
 * The workers of an agency the caller can name on a shift: the members of the caller's teams
 * (every team for an administrator) who belong to that agency, each once, by name. A worker in
 * no team the caller sees is not offered; the server checks the choice anyway.
 */
export function useAgencyWorkers(agencyId: string) {
  const teams = useTeams();
  const seen = new Map<string, TeamMember>();
  for (const team of teams.data?.items ?? []) {
    for (const m of team.members) {
      if (String(m.agency_id) === String(agencyId) && !seen.has(String(m.id))) seen.set(String(m.id), m);
    }
  }
  const workers = [...seen.values()].sort((a, b) => a.display_name.localeCompare(b.display_name, 'sr'));
  return { workers, isPending: teams.isPending, isError: teams.isError };
}
