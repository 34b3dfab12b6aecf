// Shapes of the API's resources, as in docs/api-skeleton.md.

export const ROLES = [
  'social_worker',
  'nurse',
  'police_liaison',
  'care_worker',
  'coordination_chair',
  'team_lead',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const AGENCY_TYPES = ['csr', 'health', 'police', 'prosecutor', 'residential_care', 'school', 'ngo', 'municipality', 'system'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const LANGUAGES = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type User = {
  id: string;
  username: string;
  display_name: string;
  agency_id: string;
  roles: Role[];
  team_ids: string[];
  active: boolean;
  mfa_enabled: boolean;
  must_change_password: boolean;
  language: Language;
  created_at: string;
  deactivated_at: string | null;
};

export type Agency = { id: string; name: string; type: AgencyType; municipality: string };

export type TeamMember = { id: string; username: string; display_name: string; agency_id: string; roles: Role[] };
export type Team = { id: string; name: string; members: TeamMember[] };

export type Session = {
  id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
  client_ip: string;
  current: boolean;
};

export type AuditEvent = {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  case_id: string | null;
  basis: string | null;
  request_id: string | null;
  client_ip: string | null;
  chain_id: string;
  seq: number;
  hash: string;
};
