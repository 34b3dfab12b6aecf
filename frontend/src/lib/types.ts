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

// Cases, entries, emergency access and alerts, as in docs/api-cases.md.

export const CASE_CATEGORIES = ['general', 'child_protection', 'elderly', 'disability', 'domestic_violence'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_STATUSES = ['open', 'active', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const SENSITIVITIES = ['general', 'social', 'health', 'police'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

export type CaseBasis = 'membership' | 'referral' | 'emergency';

export type Person = {
  id: string;
  first_name: string;
  last_name: string;
  jmbg_masked: string | null;
  has_jmbg: boolean;
  date_of_birth: string | null;
  sex: Sex | null;
  address: string | null;
  phone: string | null;
  preferred_language: string | null;
  interpreter_needed: boolean;
  safe_to_contact: boolean;
  safe_channel: string | null;
  created_at: string;
};

export type CaseMember = { user_id: string; display_name: string; agency_id: string; roles: Role[]; basis: string; added_at: string };

export type Case = {
  id: string;
  title: string;
  category: CaseCategory;
  status: CaseStatus;
  risk_level: RiskLevel;
  team_id: string;
  lead_id: string;
  /** Null only for a case made before subjects existed. */
  subject: Person | null;
  created_at: string;
  closing_reason: string | null;
  external_refs: { sozis_number?: string | null; police_record_number?: string | null; prosecutor_kt_number?: string | null } | null;
  my_basis: CaseBasis;
  members: CaseMember[];
  emergency_access: { expires_at: string } | null;
};

export type CaseSummary = {
  id: string;
  title: string;
  category: CaseCategory;
  status: CaseStatus;
  risk_level: RiskLevel;
  team_id: string;
  lead_id: string;
  subject_name: string;
  subject_jmbg_masked: string | null;
  created_at: string;
  my_basis: CaseBasis;
  /** Chat messages by others the caller has not read. */
  unread?: number;
};

export type Entry = {
  id: string;
  case_id: string;
  author_id: string;
  author_name: string;
  body: string;
  sensitivity: Sensitivity;
  corrects_id: string | null;
  /** When the incident of violence the entry records happened (as reported), or null. */
  incident_at?: string | null;
  created_at: string;
};

export type LookupHit = { case_id: string; team_id: string; team_name: string; lead_agency_id: string; lead_agency_name: string };

export type EmergencyGrant = {
  id: string;
  case_id: string;
  case_title: string;
  user_id: string;
  user_name: string;
  reason: string;
  granted_at: string;
  expires_at: string;
  review: null | { outcome: 'justified' | 'unjustified'; note: string | null; reviewer_id: string; reviewed_at: string };
};

/** kind: emergency_access, mention (case_id set) or referral_received|answered|breached (referral_id set, no case_id). */
export type Alert = {
  id: string;
  kind: string;
  case_id: string | null;
  referral_id?: string | null;
  task_id?: string | null;
  measure_id?: string | null;
  meeting_id?: string | null;
  report_id?: string | null;
  opinion_id?: string | null;
  created_at: string;
  acknowledged_at: string | null;
  actor_id: string | null;
};

export type GoalStatus = 'open' | 'achieved' | 'dropped';
export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'dropped';
export type Participation = 'took_part' | 'declined' | 'unable';

export type PlanAction = {
  id: string;
  goal_id: string;
  title: string;
  owner_user_id: string | null;
  owner_agency_id: string | null;
  due_date: string | null;
  status: ActionStatus;
  created_by: string;
  created_at: string;
};

export type Goal = { id: string; title: string; in_own_words: string; status: GoalStatus; created_by: string; created_at: string; actions: PlanAction[] };

export type Plan = { case_id: string; version: number; review_date: string | null; participation: Participation | null; agreement: string; goals: Goal[] };

export type PlanVersion = { version: number; actor_id: string; at: string; snapshot: Plan };

export type PlanDiff = {
  from: number;
  to: number;
  added_goals: string[];
  removed_goals: string[];
  changed_goals: string[];
  changed_fields: ('review_date' | 'participation' | 'agreement')[];
};

export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

export type Task = {
  id: string;
  case_id: string;
  case_title: string;
  title: string;
  assignee_id: string;
  assignee_name: string;
  status: TaskStatus;
  due_at: string | null;
  goal_id: string | null;
  action_id: string | null;
  overdue: boolean;
  created_at: string;
  completed_at: string | null;
  completed_by: string | null;
};

export type AccessLogItem = { at: string; actor_id: string | null; actor_name: string; action: string; basis: string };

export type Relation = 'subject' | 'household_member' | 'child' | 'victim' | 'perpetrator' | 'carer';

export type CasePerson = { person: Person; relation: Relation; added_at: string };
