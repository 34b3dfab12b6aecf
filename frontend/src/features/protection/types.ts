// Shapes of the domestic-violence resources, as the Go handlers answer them (JSON names are
// the struct tags of backend/internal/measures, risk, dutyreport and protection).

export const MEASURE_KINDS = ['removal_from_home', 'contact_ban'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_STATUSES = ['issued', 'active', 'proposal_pending', 'extended', 'rejected', 'expired'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** The statuses in which an urgent measure binds the perpetrator. */
export const IN_FORCE: readonly MeasureStatus[] = ['active', 'proposal_pending', 'extended'];

export type MeasureAppeal = {
  id: string;
  filed_at: string;
  forward_due_at: string;
  forwarded_at: string | null;
  decision_due_at: string | null;
  decided_at: string | null;
  outcome: 'upheld' | 'overturned' | null;
};

/** One step of a measure's timeline: when it happened (as reported) and when it was recorded. */
export type MeasureEvent = {
  seq: number;
  action: string;
  occurred_at: string | null;
  note: string;
  actor_id: string | null;
  actor_name?: string | null;
  recorded_at: string;
};

export type UrgentMeasure = {
  id: string;
  case_id: string;
  kind: MeasureKind;
  order_number: string;
  perpetrator_id: string | null;
  status: MeasureStatus;
  issued_at: string;
  served_at: string | null;
  expires_at: string | null;
  proposal_due_at: string | null;
  proposed_at: string | null;
  decision_due_at: string | null;
  decision: 'extended' | 'rejected' | null;
  decided_at: string | null;
  extended_until: string | null;
  ended_at: string | null;
  /** The court's deadline falls after the 48-hour expiry: the measure may lapse first. */
  court_after_expiry: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  appeals: MeasureAppeal[];
  events: MeasureEvent[];
};

export const RISK_FACTORS = [
  'prior_violence',
  'threats',
  'weapons',
  'mental_illness_or_abuse',
  'custody_conflict',
  'earlier_measures',
  'victim_fear',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];
export const FACTOR_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type FactorAnswer = (typeof FACTOR_ANSWERS)[number];

export type RiskAssessment = {
  id: string;
  case_id: string;
  assessed_by: string;
  assessed_by_name: string;
  assessed_at: string;
  factors: Partial<Record<RiskFactor, FactorAnswer>>;
  immediate_danger: boolean;
  notes: string;
  sent_to: string | null;
  sent_to_name: string | null;
  sent_at: string | null;
  created_at: string;
};

export type OpinionRequest = {
  id: string;
  case_id: string;
  assessment_id: string | null;
  requested_by: string;
  to_agency_id: string;
  to_agency_name: string;
  question: string;
  requested_at: string;
  /** Guidance: the CSR answers the police within 8 hours. */
  police_due_at: string;
  /** and the prosecutor within 24. */
  prosecutor_due_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
};

export type ViolenceReport = {
  id: string;
  case_id: string;
  reporter_id: string;
  reporter_name: string;
  reporter_agency_name: string;
  to_agency_id: string;
  to_agency_name: string;
  body: string;
  sent_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
};

export const PARTICIPATIONS = ['took_part', 'declined', 'unable'] as const;
export type VictimParticipation = (typeof PARTICIPATIONS)[number];

export const PLAN_MEASURE_KINDS = ['protection', 'support'] as const;
export type PlanMeasureKind = (typeof PLAN_MEASURE_KINDS)[number];

export const PLAN_MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'not_done'] as const;
export type PlanMeasureStatus = (typeof PLAN_MEASURE_STATUSES)[number];

export type PlanMeasure = {
  id: string;
  kind: PlanMeasureKind;
  description: string;
  executor_agency_id: string | null;
  executor_agency_name: string | null;
  executor_user_id: string | null;
  executor_name: string | null;
  due_at: string | null;
  status: PlanMeasureStatus;
  task_id: string | null;
  position: number;
};

export type ProtectionPlan = {
  id: string;
  case_id: string;
  victim_id: string;
  victim_name: string;
  status: 'draft' | 'adopted';
  participation: VictimParticipation | null;
  monitoring: string;
  version: number;
  adopted_at: string | null;
  /** The meeting at which the group adopted the plan. */
  adopted_in: string | null;
  adopted_version: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  measures: PlanMeasure[];
};

/** A plan as it was after one change; the snapshot is the plan then (older ones may hold less). */
export type PlanVersion = { version: number; actor_id: string; at: string; snapshot: Partial<ProtectionPlan> | null };

export type CoordinationGroup = { id: string; name: string; chair_id: string };
