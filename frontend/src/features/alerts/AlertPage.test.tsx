import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { AlertPage } from './AlertPage';

// Dates are worded without the year in the current year: the tests live in November 2026.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T23:30:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const paged = {
  id: 'a2',
  kind: 'referral_received',
  case_id: null,
  referral_id: 'r1',
  actor_id: null,
  page_id: 'p1',
  urgent: true,
  created_at: '2026-11-23T22:04:00Z',
  acknowledged_at: null,
  steps: [
    { seq: 1, action: 'page', user_id: 'u-marija', user_name: 'Marija Petrović', at: '2026-11-23T22:04:00Z' },
    { seq: 2, action: 'escalate', user_id: 'u-snezana', user_name: 'Snežana Ilić', at: '2026-11-23T22:14:00Z' },
  ],
};
const acked = {
  ...paged,
  acknowledged_at: '2026-11-23T22:17:00Z',
  steps: [...paged.steps, { seq: 3, action: 'acknowledge', user_id: 'u-marija', user_name: 'Marija Petrović', at: '2026-11-23T22:17:00Z' }],
};

function mockApi() {
  let done = false;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url === '/api/v1/alerts/a2/ack' && init?.method === 'POST') {
      done = true;
      return jsonResponse(200, acked);
    }
    if (url === '/api/v1/alerts/a2') return jsonResponse(200, done ? acked : paged);
    if (url.startsWith('/api/v1/alerts')) return jsonResponse(200, { items: [], next_cursor: null });
    return jsonResponse(404, { status: 404, code: 'not_found' });
  });
}

describe('AlertPage', () => {
  it('shows an urgent page with its timeline, and one tap acknowledges it and says who and when', async () => {
    const fetchMock = mockApi();
    renderPage(<AlertPage />, { path: '/alerts/:id', route: '/alerts/a2' });
    expect(await screen.findByRole('heading', { level: 1, name: 'An immediate referral came to your agency while you are on call.' })).toBeInTheDocument();
    expect(screen.getByText('Urgent')).toBeInTheDocument();
    const timeline = screen.getByRole('region', { name: 'What happened' });
    const steps = within(timeline).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.referral-history__what')?.textContent)).toEqual(['Paged: Marija Petrović (on call)', 'Not acknowledged in time, passed on to: Snežana Ilić']);
    expect(steps[0]).toHaveTextContent('Monday 23 November, 23:04');
    // Nothing about the case or the referral in the browser's title.
    expect(document.title).toBe('Zajedno — Alert');

    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('Acknowledged by Marija Petrović, Monday 23 November, 23:17.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toHaveClass('alert-page__done'));
    expect(within(screen.getByRole('region', { name: 'What happened' })).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByText('Acknowledged by: Marija Petrović')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([u, i]) => String(u) === '/api/v1/alerts/a2/ack' && i?.method === 'POST')).toHaveLength(1);
  });

  it('says who acknowledged an alert that is already done, with no button', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, acked));
    renderPage(<AlertPage />, { path: '/alerts/:id', route: '/alerts/a2' });
    expect(await screen.findByText('Acknowledged by Marija Petrović, Monday 23 November, 23:17.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('acknowledges an ordinary alert without a timeline', async () => {
    const plain = { id: 'a1', kind: 'mention', case_id: 'c1', referral_id: null, actor_id: 'u2', page_id: null, urgent: false, created_at: '2026-11-23T10:00:00Z', acknowledged_at: null };
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) =>
      jsonResponse(200, init?.method === 'POST' ? { ...plain, acknowledged_at: '2026-11-23T10:05:00Z' } : plain),
    );
    renderPage(<AlertPage />, { path: '/alerts/:id', route: '/alerts/a1' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Someone mentioned you in a case chat.' })).toBeInTheDocument();
    expect(screen.queryByText('Urgent')).toBeNull();
    expect(screen.queryByRole('region', { name: 'What happened' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect(await screen.findByText('Acknowledged Monday 23 November, 11:05.')).toBeInTheDocument();
  });

  it('explains an alert that is not the caller’s', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(404, { status: 404, code: 'not_found' }));
    renderPage(<AlertPage />, { path: '/alerts/:id', route: '/alerts/zzz' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Alert not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Alerts' })).toHaveAttribute('href', '/alerts');
  });
});

describe('AlertPage of an inbound event', () => {
  it('shows what the partner system reported, the note only where the role reads it, and the handover step', async () => {
    const alert = {
      ...paged,
      kind: 'inbound_event',
      case_id: 'c1',
      referral_id: null,
      steps: [
        { seq: 1, action: 'page', user_id: 'u-marija', user_name: 'Marija Petrović', at: '2026-11-23T22:04:00Z' },
        { seq: 2, action: 'handover', user_id: 'u-snezana', user_name: 'Snežana Ilić', at: '2026-11-23T22:20:00Z' },
      ],
    };
    const events = [
      { id: 'e1', type: 'police_intervention', system_name: 'PU Kikinda dispečer', agency_name: 'PS Kikinda', occurred_at: '2026-11-23T21:40:00Z',
        received_at: '2026-11-23T22:04:00Z', urgent_measure: true, sensitivity: 'police', note: null, withheld: true },
      { id: 'e2', type: 'hospital_discharge', system_name: 'OB Kikinda', agency_name: 'Dom zdravlja Kikinda', occurred_at: '2026-11-22T09:00:00Z',
        received_at: '2026-11-22T09:05:00Z', urgent_measure: false, sensitivity: 'health', note: 'Otpuštena kući.', withheld: false },
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.startsWith('/api/v1/cases/c1/inbound-events')) return jsonResponse(200, { items: events, next_cursor: null });
      if (url === '/api/v1/alerts/a2') return jsonResponse(200, alert);
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<AlertPage />, { path: '/alerts/:id', route: '/alerts/a2' });
    const section = await screen.findByRole('region', { name: 'What the partner system reported' });
    expect(await within(section).findByText('Police intervention')).toBeInTheDocument();
    expect(within(section).getByText('Urgent measure')).toBeInTheDocument();
    expect(within(section).getByText("The partner's note is for other professions: your role does not read it.")).toBeInTheDocument();
    expect(within(section).getByText('Otpuštena kući.')).toBeInTheDocument();
    expect(screen.getByText('The shift ended; passed to the next shift: Snežana Ilić')).toBeInTheDocument();
  });
});
