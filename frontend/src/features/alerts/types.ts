import type { Alert } from '@/lib/types';

/** One step of a page's timeline (docs/api-oncall.md). */
export type PageStep = { seq: number; action: 'page' | 'escalate' | 'handover' | 'acknowledge' | 'nobody_on_call' | 'shift_ended' | (string & {}); user_id: string | null; user_name: string | null; at: string };

/** An alert with what pages add: urgent, the page, and (from GET /alerts/{id}) its timeline. */
export type PagedAlert = Alert & { page_id?: string | null; urgent?: boolean; steps?: PageStep[]; intake_id?: string | null };

export const KNOWN_KINDS = [
  'emergency_access', 'mention', 'referral_received', 'referral_answered', 'referral_cancelled', 'referral_breached', 'intake', 'inbound_event',
  'task_due', 'task_overdue', 'measure_deadline', 'measure_expired', 'measure_breached', 'meeting_not_planned', 'meeting_preparation',
  'risk_assessment', 'opinion_requested', 'opinion_answered', 'opinion_overdue', 'violence_report', 'violence_report_acknowledged',
];

/** A referral alert names the referral, not the case: the receiving side may not see the case yet. */
export const REFERRAL_KINDS = ['referral_received', 'referral_answered', 'referral_cancelled', 'referral_breached'];

/** Kinds whose urgent (paged) alert has words of its own. */
const URGENT_KINDS = ['referral_received', 'intake', 'inbound_event'];

/** The words for an alert: an urgent (paged) one says so in its own words. */
export function kindKey(a: PagedAlert): string {
  const kind = KNOWN_KINDS.includes(a.kind) ? a.kind : 'unknown';
  return a.urgent ? `alerts.urgentKinds.${URGENT_KINDS.includes(kind) ? kind : 'unknown'}` : `alerts.kinds.${kind}`;
}
