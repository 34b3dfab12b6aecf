import type { Role } from '@/lib/types';
import type { MeasureStep } from './api/recordMeasureStep';
import type { DeadlineKind } from './Countdown';
import type { UrgentMeasure } from './types';

const HOUR = 3_600_000;
/** An appeal is filed within 3 days of the court's decision. */
export const APPEAL_FILE_WITHIN = 72 * HOUR;

export type Deadline = { kind: DeadlineKind; at: string; from: string | null };

/** The appeal still waiting for its forwarding or its decision, if any. */
export function openAppeal(m: UrgentMeasure) {
  return m.appeals.find((a) => !a.decided_at) ?? null;
}

/** When the 3 days to appeal the court's decision end, if it has decided. */
export function appealFileBy(m: UrgentMeasure): string | null {
  return m.decided_at ? new Date(new Date(m.decided_at).getTime() + APPEAL_FILE_WITHIN).toISOString() : null;
}

/**
 * The deadlines still open on a measure, most pressing kind first: the 48-hour expiry and the
 * prosecutor's 24 hours while it runs, the court's 24 hours after a proposal, the extension's
 * end, and an appeal's steps.
 */
export function measureDeadlines(m: UrgentMeasure, now: Date = new Date()): Deadline[] {
  const out: Deadline[] = [];
  const awaitingCourt = !!m.proposed_at && !m.decided_at && !!m.decision_due_at;
  if (m.status === 'active' && !m.proposed_at && m.proposal_due_at) out.push({ kind: 'proposal', at: m.proposal_due_at, from: m.served_at });
  if (awaitingCourt && (m.status === 'proposal_pending' || m.status === 'expired')) out.push({ kind: 'decision', at: m.decision_due_at!, from: m.proposed_at });
  if ((m.status === 'active' || m.status === 'proposal_pending' || m.status === 'rejected') && m.expires_at) out.push({ kind: 'expires', at: m.expires_at, from: m.served_at });
  if (m.status === 'extended' && m.extended_until) out.push({ kind: 'extension', at: m.extended_until, from: m.decided_at });
  const appeal = openAppeal(m);
  if (appeal && !appeal.forwarded_at) out.push({ kind: 'appealForward', at: appeal.forward_due_at, from: appeal.filed_at });
  if (appeal && appeal.forwarded_at && appeal.decision_due_at) out.push({ kind: 'appealDecision', at: appeal.decision_due_at, from: appeal.forwarded_at });
  const fileBy = appealFileBy(m);
  if (fileBy && m.appeals.length === 0 && new Date(fileBy).getTime() > now.getTime()) out.push({ kind: 'appealFile', at: fileBy, from: m.decided_at });
  return out;
}

const APPEALABLE = ['extended', 'rejected', 'expired'];
const BREACHABLE = ['active', 'proposal_pending', 'extended', 'rejected'];

/**
 * The steps the user may record on a measure now, by role (the police liaison serves it; the
 * chair proposes and records the court's decision; both record appeals and breaches) and by
 * where the measure stands; the server decides in the end.
 */
export function allowedSteps(m: UrgentMeasure, roles: readonly Role[], now: Date = new Date()): MeasureStep[] {
  const police = roles.includes('police_liaison');
  const chair = roles.includes('coordination_chair');
  const out: MeasureStep[] = [];
  if (police && m.status === 'issued') out.push('serve');
  if (chair && m.status === 'active') out.push('propose');
  if (chair && (m.status === 'proposal_pending' || m.status === 'expired') && m.proposed_at && !m.decided_at) out.push('decide');
  if ((police || chair) && APPEALABLE.includes(m.status) && m.decided_at) {
    const appeal = openAppeal(m);
    const fileBy = appealFileBy(m);
    if (!appeal && fileBy && new Date(fileBy).getTime() > now.getTime()) out.push('appeal');
    if (appeal && !appeal.forwarded_at) out.push('appeal_forward');
    if (appeal && appeal.forwarded_at) out.push('appeal_decide');
  }
  if ((police || chair) && BREACHABLE.includes(m.status)) out.push('breach');
  return out;
}
