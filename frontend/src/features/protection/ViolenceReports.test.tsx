import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { user } from './fixtures.test-data';
import { IncomingAssessmentsPage } from './IncomingAssessmentsPage';
import { OpinionRequestPage } from './OpinionRequestPage';
import { ViolenceReportsPage } from './ViolenceReportsPage';

afterEach(() => vi.restoreAllMocks());

const report = (id: string, over: Record<string, unknown> = {}) => ({
  id, case_id: 'c1', reporter_id: 'u-nurse', reporter_name: 'Jelena Đorđević', reporter_agency_name: 'Dom zdravlja Kikinda', to_agency_id: 'a-ps',
  to_agency_name: 'PS Kikinda', body: `Report ${id}`, sent_at: '2026-11-24T09:00:00Z', acknowledged_by: null, acknowledged_at: null, ...over,
});

describe('reports of violence', () => {
  it('lists the agency’s reports, and acknowledges one with a tap', async () => {
    const acked: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url === '/api/v1/violence-reports/v1/acknowledge' && init?.method === 'POST') {
        acked.push('v1');
        return jsonResponse(200, report('v1', { acknowledged_at: '2026-11-24T10:00:00Z' }));
      }
      if (url.startsWith('/api/v1/violence-reports')) {
        const items = acked.length ? [report('v1', { acknowledged_at: '2026-11-24T10:00:00Z' }), report('v2', { acknowledged_at: '2026-11-23T10:00:00Z' })] : [report('v1'), report('v2', { acknowledged_at: '2026-11-23T10:00:00Z' })];
        return jsonResponse(200, { items, next_cursor: null });
      }
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<ViolenceReportsPage />, { me: user(['police_liaison']) });
    expect(await screen.findByText('1 report not acknowledged')).toBeInTheDocument();
    const first = screen.getByText('Report v1').closest('li') as HTMLElement;
    expect(within(first).getByText('Not acknowledged yet')).toBeInTheDocument();
    const second = screen.getByText('Report v2').closest('li') as HTMLElement;
    expect(within(second).queryByRole('button')).toBeNull();
    await userEvent.click(within(first).getByRole('button', { name: /^Acknowledge/ }));
    await waitFor(() => expect(acked).toEqual(['v1']));
    await waitFor(() => expect(within(screen.getByText('Report v1').closest('li') as HTMLElement).getByText('Acknowledged')).toBeInTheDocument());
  });

  it('shows the chair the unacknowledged reports of the group’s area', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input).split('?')[0];
      if (url === '/api/v1/violence-reports') return jsonResponse(200, { items: [], next_cursor: null });
      if (url === '/api/v1/coordination-groups') return jsonResponse(200, { items: [{ id: 'g1', name: 'Grupa OJT Kikinda', chair_id: 'u-me' }, { id: 'g2', name: 'Other', chair_id: 'u-x' }], next_cursor: null });
      if (url === '/api/v1/coordination-groups/g1/unacknowledged-reports') return jsonResponse(200, { items: [report('v9')], next_cursor: null });
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<ViolenceReportsPage />, { me: user(['coordination_chair'], { agency_id: 'a-ojt' }) });
    const group = await screen.findByRole('region', { name: 'Not acknowledged in the area of Grupa OJT Kikinda' });
    expect(await within(group).findByRole('link', { name: /From Dom zdravlja Kikinda to PS Kikinda/ })).toHaveAttribute('href', '/violence-reports/v9');
    expect(screen.queryByRole('region', { name: /Other/ })).toBeNull();
  });
});

describe('a request for the CSR’s opinion', () => {
  const opinion = {
    id: 'o1', case_id: 'c1', assessment_id: null, requested_by: 'u-police', to_agency_id: 'a-csr', to_agency_name: 'CSR Kikinda', question: 'Are the children safe?',
    requested_at: new Date(Date.now() - 9 * 3_600_000).toISOString(), police_due_at: new Date(Date.now() - 3_600_000).toISOString(),
    prosecutor_due_at: new Date(Date.now() + 15 * 3_600_000).toISOString(), answer: null, answered_by: null, answered_at: null,
  };

  it('lets a worker of that CSR answer it, with the late deadline marked', async () => {
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url === '/api/v1/opinion-requests/o1/answer') {
        bodies.push(JSON.parse(String(init?.body)));
        return jsonResponse(200, { ...opinion, answer: 'They are safe.', answered_at: new Date().toISOString() });
      }
      if (url === '/api/v1/opinion-requests/o1') return jsonResponse(200, opinion);
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<OpinionRequestPage />, { path: '/opinion-requests/:id', route: '/opinion-requests/o1', me: user(['social_worker'], { agency_id: 'a-csr' }) });
    expect(await screen.findByText(/^Answer to the police 1 h 0 min late|^Answer to the police 0 h 59 min late|^Answer to the police 59 min late/)).toBeInTheDocument();
    expect(screen.getByText(/^Answer to the prosecutor due in 1[45] h/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("The CSR's opinion"), 'They are safe.');
    await userEvent.click(screen.getByRole('button', { name: 'Send the answer' }));
    expect(await screen.findByRole('heading', { name: 'The answer' })).toBeInTheDocument();
    expect(bodies).toEqual([{ answer: 'They are safe.' }]);
  });

  it('is read-only for everyone else', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, opinion));
    renderPage(<OpinionRequestPage />, { path: '/opinion-requests/:id', route: '/opinion-requests/o1', me: user(['police_liaison']) });
    expect(await screen.findByText('Are the children safe?')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send the answer' })).toBeNull();
    expect(screen.getByText('The Center for Social Work it was sent to answers here.')).toBeInTheDocument();
  });
});

describe('IncomingAssessmentsPage', () => {
  it('lists the risk assessments sent to the agency', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      jsonResponse(200, {
        items: [
          { id: 'r1', case_id: 'c1', assessed_by: 'u1', assessed_by_name: 'Milan Jovanović', assessed_at: '2026-11-23T20:00:00Z', immediate_danger: true,
            notes: 'Pretnje.', factors: { threats: 'yes' }, sent_to: 'a1', sent_to_name: 'OJT Kikinda', sent_at: '2026-11-23T20:05:00Z', created_at: '2026-11-23T20:05:00Z' },
        ],
        next_cursor: null,
      }),
    );
    renderPage(<IncomingAssessmentsPage />, { path: '/risk-assessments', route: '/risk-assessments' });
    expect(await screen.findByText('Pretnje.')).toBeInTheDocument();
  });
});
