import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import { isComplete, planGaps } from './completeness';
import { user } from './fixtures.test-data';
import { PlanChecklist } from './PlanChecklist';
import type { PlanMeasure, ProtectionPlan } from './types';

const full: PlanMeasure = {
  id: 'pm1', kind: 'protection', description: 'Police visit twice a week', executor_agency_id: 'a-ps', executor_agency_name: 'PS Kikinda',
  executor_user_id: 'u-police', executor_name: 'Dragan Jović', due_at: '2026-12-08T22:59:00Z', status: 'planned', task_id: null, position: 1,
};
const bare: PlanMeasure = { ...full, id: 'pm2', kind: 'support', description: 'Counselling', executor_user_id: null, executor_name: null, due_at: null, position: 2 };

function plan(over: Partial<ProtectionPlan>): ProtectionPlan {
  return {
    id: 'pl1', case_id: 'c1', victim_id: 'p1', victim_name: 'Marina Babić', status: 'draft', participation: null, monitoring: '', version: 3,
    adopted_at: null, adopted_in: null, adopted_version: null, created_by: 'u1', created_at: '2026-11-20T10:00:00Z', updated_at: '2026-11-21T10:00:00Z',
    measures: [], ...over,
  };
}

describe('what a plan needs before adoption', () => {
  it('needs a measure, each with agency, person and deadline, the monitoring part and the participation', () => {
    expect(planGaps(plan({}))).toEqual({ hasMeasures: false, measures: [], monitoring: false, participation: false });
    const g = planGaps(plan({ measures: [full, bare], monitoring: '   ', participation: 'took_part' }));
    expect(g.measures).toEqual([
      { id: 'pm1', description: 'Police visit twice a week', missing: [] },
      { id: 'pm2', description: 'Counselling', missing: ['person', 'deadline'] },
    ]);
    expect(g.monitoring).toBe(false);
    expect(isComplete(g)).toBe(false);
    expect(isComplete(planGaps(plan({ measures: [full], monitoring: 'The group reviews it at every meeting.', participation: 'declined' })))).toBe(true);
  });

  it('lists each missing thing with an icon and a word, and says who adopts it', () => {
    renderPage(<PlanChecklist plan={plan({ measures: [full, bare], participation: 'unable' })} />, { me: user(['social_worker']) });
    const list = screen.getByRole('group', { name: 'What adoption still needs' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      '✓Done: At least one measure',
      '✓Done: “Police visit twice a week”: agency, person and deadline named',
      '✗Missing: “Counselling”: name the person, deadline',
      '✗Missing: Monitoring and evaluation written',
      '✓Done: The victim\'s participation recorded',
    ]);
    expect(screen.getByText(/The chair adopts the plan at a meeting/)).toBeInTheDocument();
  });

  it('says when the plan is ready', () => {
    renderPage(<PlanChecklist plan={plan({ measures: [full], monitoring: 'Reviewed monthly.', participation: 'took_part' })} />, { me: user(['social_worker']) });
    expect(screen.getByRole('group', { name: 'Ready for adoption' })).toBeInTheDocument();
    expect(screen.queryByText(/Missing/)).toBeNull();
  });
});
