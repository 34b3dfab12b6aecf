import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { DvPage } from './DvPage';
import { agencies, iso, measure, person, user } from './fixtures.test-data';
import { MeasureCard } from './MeasureCard';
import { NewMeasureForm } from './NewMeasureForm';

afterEach(() => vi.restoreAllMocks());
const H = 3_600_000;

describe('an urgent measure', () => {
  it('warns in red, with an icon and words, when the court’s deadline falls after the 48-hour expiry', () => {
    // Served 30 h ago, proposed late (an hour ago): the court has 24 h, the measure only 18.
    const m = measure(30, { status: 'proposal_pending', proposed_at: iso(Date.now() - H), decision_due_at: iso(Date.now() + 23 * H), court_after_expiry: true });
    renderPage(<MeasureCard measure={m} caseId="c1" roles={['coordination_chair']} people={[]} canWrite />, { me: user(['coordination_chair']) });
    const warning = screen.getByRole('note', { name: "Warning about the court's deadline" });
    expect(within(warning).getByText("The court's deadline falls after the 48-hour expiry")).toBeInTheDocument();
    expect(warning.textContent).toContain('⚠');
    expect(within(warning).getByText(/It may lapse before the court decides/)).toBeInTheDocument();
    // Both clocks run: the expiry and the court's 24 hours; the chair records the decision.
    expect(screen.getByText(/^Expires in 17 h 59 min|^Expires in 18 h 0 min/)).toBeInTheDocument();
    expect(screen.getByText(/^Court's decision due in 2[23] h/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: "Record the court's decision" })).toBeInTheDocument();
    expect(screen.getByText('In force, extension proposed')).toBeInTheDocument();
  });

  it('shows no warning when the court has time, and its timeline with when each step happened and was recorded', () => {
    renderPage(<MeasureCard measure={measure(19)} caseId="c1" roles={['police_liaison']} people={[]} canWrite />, { me: user(['police_liaison']) });
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByText(/^Prosecutor's proposal to extend due in 4 h 59 min|^Prosecutor's proposal to extend due in 5 h 0 min/)).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'What happened' });
    const steps = within(timeline).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.dv-timeline__what')?.textContent)).toEqual(['Order issued', 'Order served']);
    expect(steps[1]).toHaveTextContent(/Happened .* · recorded /);
    // The police liaison may record a breach, not the prosecutor's proposal.
    expect(screen.getByRole('button', { name: 'Record a breach' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record the proposal to extend' })).toBeNull();
  });

  it('sends the chair’s proposal as RFC 3339 and refuses a time in the future before sending', async () => {
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input) === '/api/v1/urgent-measures/m1/proposal') {
        bodies.push(JSON.parse(String(init?.body)));
        return jsonResponse(200, measure(19, { status: 'proposal_pending' }));
      }
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<MeasureCard measure={measure(19)} caseId="c1" roles={['coordination_chair']} people={[]} canWrite />, { me: user(['coordination_chair']) });
    await userEvent.click(screen.getByRole('button', { name: 'Record the proposal to extend' }));
    const when = screen.getByLabelText('When the proposal was made');
    await userEvent.clear(when);
    await userEvent.type(when, '2099-01-01T10:00');
    await userEvent.click(screen.getByRole('button', { name: 'Record the proposal' }));
    expect(await screen.findByRole('link', { name: 'This time is in the future. Record it once it has happened.' })).toBeInTheDocument();
    expect(bodies).toHaveLength(0);
    await userEvent.clear(when);
    await userEvent.type(when, '2026-11-20T08:30');
    await userEvent.click(screen.getByRole('button', { name: 'Record the proposal' }));
    await waitFor(() => expect(bodies).toEqual([{ proposed_at: '2026-11-20T07:30:00Z' }]));
  });
});

describe('recording a new order', () => {
  const people = [person('p-v', 'Marina', 'Babić', 'victim', '1994-05-03'), person('p-c', 'Luka', 'Babić', 'perpetrator', '2011-03-01')];

  it('says plainly what to do when the server refuses a perpetrator under 18', async () => {
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input) === '/api/v1/cases/c1/urgent-measures' && init?.method === 'POST') {
        bodies.push(JSON.parse(String(init.body)));
        return jsonResponse(422, {
          status: 422, code: 'validation',
          errors: [{ field: 'perpetrator_id', message: 'The perpetrator is under 18: no urgent measure applies to a child. Refer the case to the child-protection pathway of the Center for Social Work.' }],
        });
      }
      return jsonResponse(404, { code: 'not_found' });
    });
    const onDone = vi.fn();
    renderPage(<NewMeasureForm caseId="c1" people={people} onDone={onDone} />, { me: user(['police_liaison']) });
    await userEvent.click(screen.getByRole('radio', { name: 'Removal of the perpetrator from the home' }));
    await userEvent.type(screen.getByLabelText('Order number (optional)'), 'PU-KI 1/26');
    await userEvent.selectOptions(screen.getByLabelText('Against whom (optional)'), 'p-c');
    // Known from the date of birth before sending: a calm warning.
    expect(screen.getByText('This person is under 18')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Record the order' }));
    const refusal = await screen.findByText('No urgent measure against a child');
    const box = refusal.closest('[role="alert"]') as HTMLElement;
    expect(box).not.toBeNull();
    expect(within(box).getByText(/The perpetrator is under 18/)).toBeInTheDocument();
    expect(within(box).getByText(/the case goes to the child-protection pathway/)).toBeInTheDocument();
    expect(within(box).getByRole('link', { name: 'Refer to the Center for Social Work' })).toHaveAttribute('href', '/cases/c1/refer');
    expect(screen.getByLabelText('Against whom (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('This person is under 18: no urgent measure applies to a child.', { selector: '.field__error' })).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ kind: 'removal_from_home', order_number: 'PU-KI 1/26', perpetrator_id: 'p-c' });
    expect((bodies[0] as { issued_at: string }).issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  });

  it('asks for the kind of measure and keeps service optional', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(201, measure(0)));
    renderPage(<NewMeasureForm caseId="c1" people={people} onDone={() => {}} />, { me: user(['police_liaison']) });
    await userEvent.click(screen.getByRole('button', { name: 'Record the order' }));
    expect(await screen.findByRole('link', { name: 'Choose which measure was ordered.' })).toHaveAttribute('href', '#new-measure-kind');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('the domestic-violence tab', () => {
  function serve(me: ReturnType<typeof user>, basis = 'membership') {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input).split('?')[0];
      const kase = { id: 'c1', title: 'Porodica Babić', category: 'domestic_violence', status: 'active', risk_level: 'very_high', team_id: 't1', lead_id: 'u-social', subject: null,
        created_at: '2026-11-01T00:00:00Z', closing_reason: null, external_refs: null, my_basis: basis, members: [], emergency_access: null };
      const answers: Record<string, unknown> = {
        '/api/v1/cases/c1': kase,
        '/api/v1/cases/c1/people': { items: [person('p-v', 'Marina', 'Babić', 'subject')], next_cursor: null },
        '/api/v1/cases/c1/urgent-measures': { items: [measure(19)], next_cursor: null },
        '/api/v1/cases/c1/risk-assessments': { items: [], next_cursor: null },
        '/api/v1/cases/c1/opinion-requests': { items: [], next_cursor: null },
        '/api/v1/cases/c1/violence-reports': { items: [], next_cursor: null },
        '/api/v1/cases/c1/protection-plans': { items: [], next_cursor: null },
        '/api/v1/teams': { items: [], next_cursor: null },
        '/api/v1/agencies': { items: agencies, next_cursor: null },
      };
      return url in answers ? jsonResponse(200, answers[url]) : jsonResponse(404, { code: 'not_found' });
    });
    return renderPage(<DvPage />, { path: '/cases/:id/dv', route: '/cases/c1/dv', me });
  }

  it('gives the police liaison the order and the risk assessment, and everyone the duty to report', async () => {
    serve(user(['police_liaison']));
    expect(await screen.findByRole('button', { name: 'Record a new order' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Record a risk assessment' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask the CSR for an opinion' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Report to police / prosecutor' })).toBeInTheDocument();
    expect(await screen.findByText(/^Expires in 2[89] h/)).toBeInTheDocument();
    expect(screen.getByText('1 urgent measure in force')).toBeInTheDocument();
  });

  it('gives a social worker no police forms, but the report and the plans', async () => {
    serve(user(['social_worker'], { agency_id: 'a-csr' }));
    expect(await screen.findByRole('button', { name: 'Report to police / prosecutor' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record a new order' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record a risk assessment' })).toBeNull();
    expect(await screen.findByRole('button', { name: 'Start the plan' })).toBeInTheDocument();
  });

  it('lets emergency access read only', async () => {
    serve(user(['police_liaison']), 'emergency');
    expect(await screen.findByText('You have emergency access: you can read this, but not record anything.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record a new order' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Report to police / prosecutor' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record a breach' })).toBeNull();
  });
});
