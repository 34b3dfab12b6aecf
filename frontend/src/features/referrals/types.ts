// Shapes of referrals as the API gives them (backend/internal/referrals).

export const URGENCIES = ['immediate', 'urgent', 'regular'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REFERRAL_STATUSES = ['requested', 'accepted', 'rejected', 'in_progress', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type ReferralAction = 'accept' | 'reject' | 'start' | 'complete' | 'cancel';

/** The caller's agency's side: requesting (sent it) or receiving; '' for a case member of neither. */
export type ReferralSide = 'requesting' | 'receiving' | '';

export type ReferralEvent = {
  seq: number;
  /** request, accept, reject, start, complete, cancel, or breach (the response time passed). */
  action: ReferralAction | 'request' | 'breach' | (string & {});
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  actor_id: string | null;
  actor_name: string | null;
  note: string;
  at: string;
};

export type Referral = {
  id: string;
  case_id: string;
  /** Null for whoever may not see the case: the receiving agency until it accepts. */
  case_title: string | null;
  from_agency_id: string;
  from_agency_name: string;
  to_agency_id: string;
  to_agency_name: string;
  requested_by: string;
  requester_name: string;
  reason: string;
  summary: string;
  urgency: Urgency;
  status: ReferralStatus;
  respond_by: string;
  overdue: boolean;
  accepted_by: string | null;
  created_at: string;
  updated_at: string;
  side: ReferralSide;
  events?: ReferralEvent[];
};

/** What each side may do from each state (as the server's state machine allows). */
export const ALLOWED: Record<ReferralAction, { side: ReferralSide; from: readonly ReferralStatus[] }> = {
  accept: { side: 'receiving', from: ['requested'] },
  reject: { side: 'receiving', from: ['requested'] },
  start: { side: 'receiving', from: ['accepted'] },
  complete: { side: 'receiving', from: ['in_progress'] },
  cancel: { side: 'requesting', from: ['requested', 'accepted', 'in_progress'] },
};

export function allowedActions(r: Pick<Referral, 'side' | 'status'>): ReferralAction[] {
  return (Object.keys(ALLOWED) as ReferralAction[]).filter((a) => ALLOWED[a].side === r.side && ALLOWED[a].from.includes(r.status));
}
