import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { ScheduleForm } from './ScheduleForm';
import { chairUser, mockApi, writes } from './testData';
import type { Cadence, Meeting } from './types';

afterEach(() => vi.restoreAllMocks());

const group = { id: 'g1', name: 'Grupa Kikinda', area: 'Kikinda', chair_id: 'u-chair' };
const base = { group_id: 'g1', location: 'OJT Kikinda, sala 2', late_reason: '', minutes: '', created_by: 'u-chair', created_at: '2026-11-01T00:00:00Z', opened_at: null, closed_at: null };
// Newest first, as the API lists them: one planned in 4 days, one held 10 days ago.
const meetings: Meeting[] = [
  { ...base, id: 'm-next', starts_at: '2026-11-28T09:00:00Z', status: 'planned', days_after_previous: 14 },
  { ...base, id: 'm-past', starts_at: '2026-11-14T09:00:00Z', status: 'closed', days_after_previous: null },
];
const cadence: Cadence = {
  last_meeting_at: '2026-11-14T09:00:00Z',
  next_meeting_at: '2026-11-28T09:00:00Z',
  warn_from: '2026-11-24T09:00:00Z',
  due_by: '2026-11-29T09:00:00Z',
  proposed_at: '2026-11-28T09:00:00Z',
  warning: false,
  overdue: false,
};
const now = new Date('2026-11-24T00:00:00Z');

function renderForm(post: (body: Record<string, unknown>) => Response) {
  const fetchMock = mockApi((url, init) => (url === '/api/v1/coordination-groups/g1/meetings' && init?.method === 'POST' ? post(JSON.parse(String(init.body))) : undefined));
  renderPage(<ScheduleForm group={group} meetings={meetings} cadence={cadence} now={now} />, { me: chairUser });
  return fetchMock;
}

describe('ScheduleForm', () => {
  it('offers two weeks after the planned meeting, at its time and place, without asking for a reason', () => {
    renderForm(() => jsonResponse(201, { id: 'm-new', starts_at: '2026-12-12T09:00:00Z' }));
    expect(screen.getByLabelText('Day')).toHaveValue('2026-12-12');
    expect(screen.getByLabelText(/^Time/)).toHaveValue('10:00');
    expect(screen.getByLabelText('Place (optional)')).toHaveValue('OJT Kikinda, sala 2');
    expect(screen.getByText('14 days after the previous meeting (28 November 2026).')).toBeInTheDocument();
    expect(screen.queryByLabelText('Why the meeting is later than the rule allows')).not.toBeInTheDocument();
  });

  it('asks for the reason, with the last day within the rule, when the day is more than 15 days after the previous meeting', async () => {
    const fetchMock = renderForm(() => jsonResponse(201, { id: 'm-new', starts_at: '2026-12-15T09:00:00Z' }));
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2026-12-15' } });
    expect(screen.getByText(/17 days after the previous meeting \(28 November 2026\)/)).toBeInTheDocument();
    const reason = screen.getByLabelText('Why the meeting is later than the rule allows');
    expect(reason).toBeRequired();
    expect(reason).toHaveAccessibleDescription(/at least every 15 days.*by 13 December 2026/);

    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: /Give the reason the meeting is more than 15 days after the previous one/ })).toHaveAttribute('href', '#schedule-reason-g1');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(writes(fetchMock)).toHaveLength(0);

    await userEvent.type(reason, 'Zamenik tužioca na obuci do 14. decembra.');
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    await waitFor(() => expect(writes(fetchMock)).toHaveLength(1));
    expect(writes(fetchMock)[0]!.body).toEqual({ starts_at: '2026-12-15T09:00:00Z', location: 'OJT Kikinda, sala 2', reason: 'Zamenik tužioca na obuci do 14. decembra.' });
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
  });

  it('puts the server’s 15-day refusal on the day and then asks for the reason', async () => {
    renderForm(() =>
      jsonResponse(422, {
        code: 'validation',
        errors: [{ field: 'starts_at', message: 'This is more than 15 days after the previous meeting (28.11.2026); plan it by 13.12.2026, or give the reason.' }],
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /more than 15 days after the previous meeting. Give the reason below/ })).toHaveAttribute('href', '#schedule-date-g1');
    expect(screen.getByLabelText('Day')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Why the meeting is later than the rule allows')).toBeInTheDocument();
  });
});
