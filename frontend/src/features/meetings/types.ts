// Shapes of the coordination group's meetings as the API gives them (backend/internal/meetings,
// docs/api-coordination.md), and of the protection plans the group adopts.
import type { RiskLevel } from '@/lib/types';

export type CoordinationGroup = { id: string; name: string; area: string; chair_id: string };

export const MEETING_STATUSES = ['planned', 'in_progress', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export type Meeting = {
  id: string;
  group_id: string;
  starts_at: string;
  location: string;
  late_reason: string;
  status: MeetingStatus;
  minutes: string;
  created_by: string;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
  /** Calendar days (Belgrade) after the group's previous meeting; null for the first. */
  days_after_previous: number | null;
};

/** The order of the agenda's sections (the guidance for the group's meetings). */
export const SECTIONS = ['new', 'ongoing', 'court', 'other'] as const;
export type Section = (typeof SECTIONS)[number];

export type MeetingRecord = {
  id: string;
  item_id: string;
  kind: 'note' | 'decision';
  body: string;
  author_id: string;
  author_name: string;
  created_at: string;
};

export const OUTCOMES = ['done', 'circumstances_changed', 'not_carried_out'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type MeetingAction = {
  id: string;
  meeting_id: string;
  item_id: string;
  case_id: string | null;
  title: string;
  agency_id: string;
  agency_name: string;
  assignee_id: string;
  assignee_name: string;
  due_at: string;
  outcome: Outcome | null;
  reviewed_in: string | null;
  reviewed_at: string | null;
  created_at: string;
};

export type Invitee = { user_id: string; display_name: string; agency_name: string };

export type AgendaItem = {
  id: string;
  meeting_id: string;
  case_id: string | null;
  title: string;
  section: Section;
  position: number;
  /** A new incident or a breach since the case's last review: first in its section. */
  repeat: boolean;
  risk_level: RiskLevel | null;
  records: MeetingRecord[];
  actions: MeetingAction[];
  invitees: Invitee[];
  created_at: string;
};

export type Presence = 'present' | 'apologies';

export type Attendee = {
  user_id: string;
  display_name: string;
  agency_name: string;
  presence: Presence;
  confidentiality_acknowledged_at: string | null;
  recorded_at: string;
};

export type Addendum = { id: string; body: string; author_id: string; author_name: string; created_at: string };

export const PREP_KINDS = ['police_table', 'csr_table', 'registry_check'] as const;
export type PrepKind = (typeof PREP_KINDS)[number];

export type PrepItem = {
  kind: PrepKind;
  due_at: string;
  submitted_at: string | null;
  submitted_by_name: string | null;
  body: string | null;
  /** Not arrived by its time, or arrived after it. */
  late: boolean;
};

export type MeetingDetail = Meeting & {
  group_name: string;
  chair_id: string;
  my_role: 'chair' | 'member';
  items: AgendaItem[];
  attendance: Attendee[];
  addenda: Addendum[];
  actions_to_review: MeetingAction[];
  preparation: PrepItem[];
  /** The group's chair and permanent members, for the attendance. */
  group_members?: Invitee[];
};

export type Cadence = {
  last_meeting_at: string | null;
  next_meeting_at: string | null;
  warn_from: string | null;
  due_by: string | null;
  proposed_at: string | null;
  warning: boolean;
  overdue: boolean;
};

export type Invitation = { item_id: string; meeting_id: string; starts_at: string; group_name: string };

export type Statistics = {
  group_id: string;
  from: string;
  to: string;
  meetings_held: number;
  meetings_within_15_days: number;
  meetings_later_than_15_days: number;
  cases_reviewed: number;
  extension_proposals: number;
  extensions_granted: number;
  plans_adopted: number;
};

export const STATISTICS_COUNTS = [
  'meetings_held',
  'meetings_within_15_days',
  'meetings_later_than_15_days',
  'cases_reviewed',
  'extension_proposals',
  'extensions_granted',
  'plans_adopted',
] as const;

/** The case plan's extract an invitee reads (backend/internal/cases Plan). */
export type PlanExtract = {
  case_id: string;
  version: number;
  review_date: string | null;
  participation: string | null;
  agreement: string;
  goals: {
    id: string;
    title: string;
    in_own_words: string;
    status: string;
    actions: { id: string; title: string; due_date: string | null; status: string }[];
  }[];
};

export type InvitedItem = {
  item: AgendaItem;
  starts_at: string;
  location: string;
  status: MeetingStatus;
  plan: PlanExtract | null;
  group_name: string;
};

export const PARTICIPATIONS = ['took_part', 'declined', 'unable'] as const;
export type Participation = (typeof PARTICIPATIONS)[number];

export type ProtectionMeasure = {
  id: string;
  kind: 'protection' | 'support';
  description: string;
  executor_agency_id: string | null;
  executor_agency_name: string | null;
  executor_user_id: string | null;
  executor_name: string | null;
  due_at: string | null;
  status: string;
  task_id: string | null;
  position: number;
};

export type ProtectionPlan = {
  id: string;
  case_id: string;
  victim_id: string;
  victim_name: string;
  status: 'draft' | 'adopted';
  participation: Participation | null;
  monitoring: string;
  version: number;
  adopted_at: string | null;
  adopted_in: string | null;
  adopted_version: number | null;
  measures: ProtectionMeasure[];
};

/** Someone the chair can name: in attendance, on an action, or as an invitee. */
export type Person = { id: string; name: string; agencyId?: string; agencyName?: string };
