import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { ShiftForm } from './ShiftForm';

// Dates are worded without the year in the current year: the tests live in November 2026.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T23:30:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const member = (id: string, display_name: string, agency_id: string) => ({ id, username: id, display_name, agency_id, roles: ['social_worker'] });
// Two teams the lead sees; a worker of another agency and a worker in both teams.
const teams = [
  { id: 't1', name: 'Kikinda Centar', members: [member('u-snezana', 'Snežana Ilić', 'a-csr'), member('u-marija', 'Marija Petrović', 'a-csr'), member('u-jelena', 'Jelena Đorđević', 'a-dz')] },
  { id: 't2', name: 'Noćna služba', members: [member('u-marija', 'Marija Petrović', 'a-csr'), member('u-ana', 'Ana Babić', 'a-csr')] },
];
const shift = { id: 's1', agency_id: 'a-csr', oncall_user_id: 'u-marija', oncall_name: 'Marija Petrović' };

function renderForm(post: (body: Record<string, unknown>, n: number) => Response) {
  let n = 0;
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/teams')) return jsonResponse(200, { items: teams, next_cursor: null });
    if (url === '/api/v1/agencies/a-csr/shifts' && init?.method === 'POST') return post(JSON.parse(String(init.body)), n++);
    return jsonResponse(404, { code: 'not_found' });
  });
  void i18n.changeLanguage('en');
  const client = createQueryClient();
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <ShiftForm agencyId="a-csr" />
      </StatusProvider>
    </QueryClientProvider>,
  );
  return fetchMock;
}

const posts = (m: ReturnType<typeof renderForm>) => m.mock.calls.filter(([, i]) => i?.method === 'POST').map(([, i]) => JSON.parse(String(i!.body)));

async function fill({ start, end, oncall, backup, repeat }: { start?: string; end?: string; oncall?: string; backup?: string; repeat?: string }) {
  await waitFor(() => expect(screen.getAllByRole('option', { name: 'Marija Petrović' })).toHaveLength(3));
  if (start !== undefined) fireEvent.change(screen.getByLabelText('Starts'), { target: { value: start } });
  if (end !== undefined) fireEvent.change(screen.getByLabelText('Ends'), { target: { value: end } });
  if (oncall) await userEvent.selectOptions(screen.getByLabelText('On call'), oncall);
  if (backup) await userEvent.selectOptions(screen.getByLabelText('Backup (optional)'), backup);
  if (repeat !== undefined) {
    await userEvent.clear(screen.getByLabelText('Repeat on the next days'));
    await userEvent.type(screen.getByLabelText('Repeat on the next days'), repeat);
  }
}

describe('ShiftForm', () => {
  it('offers the agency’s workers from the teams, each once, by name', async () => {
    renderForm(() => jsonResponse(201, shift));
    const select = screen.getByLabelText('On call');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Marija Petrović' })).toBeInTheDocument());
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a worker…', 'Ana Babić', 'Marija Petrović', 'Snežana Ilić']);
    expect(within(screen.getByLabelText('Head of service (optional)')).getAllByRole('option')[0]).toHaveTextContent('Nobody');
    expect(screen.getByLabelText('Starts')).toHaveAccessibleDescription('Belgrade time.');
  });

  it('checks start, end and who is on call before sending, with a summary linking to each field', async () => {
    const fetchMock = renderForm(() => jsonResponse(201, shift));
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter when the shift starts.' })).toHaveAttribute('href', '#shift-start');
    expect(within(summary).getByRole('link', { name: 'Enter when the shift ends.' })).toHaveAttribute('href', '#shift-end');
    expect(within(summary).getByRole('link', { name: 'Choose who is on call.' })).toHaveAttribute('href', '#shift-oncall');
    expect(screen.getByLabelText('Starts')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('On call')).toHaveAttribute('aria-invalid', 'true');
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it('refuses an end before the start, a shift longer than a week and a bad repeat count', async () => {
    const fetchMock = renderForm(() => jsonResponse(201, shift));
    await fill({ start: '2026-11-24T15:00', end: '2026-11-24T07:00', oncall: 'u-marija' });
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'The shift must end after it starts.' })).toHaveAttribute('href', '#shift-end');
    fireEvent.change(screen.getByLabelText('Ends'), { target: { value: '2026-12-01T15:01' } });
    await fill({ repeat: '14' });
    await userEvent.click(screen.getByRole('button', { name: 'Add 15 shifts' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'A shift can last at most 7 days.' })).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'Enter a number from 0 to 13.' })).toHaveAttribute('href', '#shift-repeat');
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it('reads the times as Belgrade time and sends them as UTC, winter and summer, leaving out an empty head', async () => {
    const bodies: Record<string, unknown>[] = [];
    const fetchMock = renderForm((b) => {
      bodies.push(b);
      return jsonResponse(201, shift);
    });
    await fill({ start: '2026-11-24T15:00', end: '2026-11-25T07:00', oncall: 'u-marija', backup: 'u-snezana' });
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ starts_at: '2026-11-24T14:00:00Z', ends_at: '2026-11-25T06:00:00Z', oncall_user_id: 'u-marija', backup_user_id: 'u-snezana' });
    // Sent: the times are cleared (the people stay for the next shift).
    await waitFor(() => expect(screen.getByLabelText('Starts')).toHaveValue(''));
    expect(screen.getByLabelText('On call')).toHaveValue('u-marija');

    await fill({ start: '2026-07-01T15:00', end: '2026-07-02T07:00' });
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toMatchObject({ starts_at: '2026-07-01T13:00:00Z', ends_at: '2026-07-02T05:00:00Z' });
    expect(posts(fetchMock)).toHaveLength(2);
  });

  it('repeats the same wall-clock hours on the next nights, across the end of summer time', async () => {
    const bodies: Record<string, unknown>[] = [];
    renderForm((b) => {
      bodies.push(b);
      return jsonResponse(201, shift);
    });
    await fill({ start: '2026-10-24T20:00', end: '2026-10-25T08:00', oncall: 'u-marija', repeat: '2' });
    await userEvent.click(screen.getByRole('button', { name: 'Add 3 shifts' }));
    await waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies.map((b) => [b.starts_at, b.ends_at])).toEqual([
      ['2026-10-24T18:00:00Z', '2026-10-25T07:00:00Z'],
      ['2026-10-25T19:00:00Z', '2026-10-26T07:00:00Z'],
      ['2026-10-26T19:00:00Z', '2026-10-27T07:00:00Z'],
    ]);
  });

  it('puts the server’s 422 next to its fields (an overlap on the start) and keeps what was typed', async () => {
    renderForm(() =>
      jsonResponse(422, {
        status: 422,
        code: 'validation',
        errors: [
          { field: 'starts_at', message: 'This shift overlaps another shift of the rota.' },
          { field: 'backup_user_id', message: 'Choose an active worker of the agency.' },
        ],
      }),
    );
    await fill({ start: '2026-11-24T15:00', end: '2026-11-25T07:00', oncall: 'u-marija', backup: 'u-ana' });
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    const summary = await screen.findByRole('alert');
    const overlap = 'This shift overlaps another shift on the rota. Change the times, or remove the other shift first.';
    expect(within(summary).getByRole('link', { name: overlap })).toHaveAttribute('href', '#shift-start');
    expect(within(summary).getByRole('link', { name: 'Choose an active worker of this agency.' })).toHaveAttribute('href', '#shift-backup');
    expect(screen.getByLabelText('Starts')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Starts')).toHaveAccessibleDescription(`Belgrade time. ${overlap}`);
    expect(screen.getByLabelText('Backup (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Starts')).toHaveValue('2026-11-24T15:00');
    expect(screen.getByLabelText('Backup (optional)')).toHaveValue('u-ana');
  });

  it('explains a 403: only a team lead of the agency or an administrator', async () => {
    renderForm(() => jsonResponse(403, { status: 403, code: 'forbidden' }));
    await fill({ start: '2026-11-24T15:00', end: '2026-11-25T07:00', oncall: 'u-marija' });
    await userEvent.click(screen.getByRole('button', { name: 'Add the shift' }));
    expect(await screen.findByText('Only a team lead of this agency or an administrator can change its rota.')).toBeInTheDocument();
  });

  it('says which night stopped a repeat, after the ones already added', async () => {
    const fetchMock = renderForm((_b, n) =>
      n === 1 ? jsonResponse(422, { status: 422, code: 'validation', errors: [{ field: 'starts_at', message: 'This shift overlaps another shift of the rota.' }] }) : jsonResponse(201, shift),
    );
    await fill({ start: '2026-11-24T15:00', end: '2026-11-25T07:00', oncall: 'u-marija', repeat: '3' });
    await userEvent.click(screen.getByRole('button', { name: 'Add 4 shifts' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('1 shift was added; the one starting Wednesday 25 November, 15:00 was not. This shift overlaps another shift on the rota.');
    expect(posts(fetchMock)).toHaveLength(2);
  });
});
