import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { RotaPage } from './RotaPage';

// Monday 23 November 2026, 13:00 in Belgrade.
const NOW = new Date('2026-11-23T12:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const agencies = [
  { id: 'a-csr', name: 'CSR Kikinda', type: 'csr', municipality: 'Kikinda' },
  { id: 'a-dz', name: 'Dom zdravlja Kikinda', type: 'health', municipality: 'Kikinda' },
];
const base = { agency_id: 'a-csr', oncall_user_id: 'u-marija', oncall_name: 'Marija Petrović', backup_user_id: null, backup_name: null, head_user_id: null, head_name: null };
const shifts = [
  // Running now: 08:00 to 15:00 today.
  { ...base, id: 's1', starts_at: '2026-11-23T07:00:00Z', ends_at: '2026-11-23T14:00:00Z', backup_user_id: 'u-snezana', backup_name: 'Snežana Ilić' },
  // Tonight, 15:00 to 07:00 tomorrow.
  { ...base, id: 's2', starts_at: '2026-11-23T14:00:00Z', ends_at: '2026-11-24T06:00:00Z', oncall_name: 'Ana Babić', oncall_user_id: 'u-ana' },
  // Wednesday night.
  { ...base, id: 's3', starts_at: '2026-11-25T14:00:00Z', ends_at: '2026-11-26T06:00:00Z', head_user_id: 'u-snezana', head_name: 'Snežana Ilić' },
];
const teams = [{ id: 't1', name: 'Kikinda Centar', members: [{ id: 'u-marija', username: 'demo.social', display_name: 'Marija Petrović', agency_id: 'a-csr', roles: ['social_worker'] }] }];

type Me = { id: string; agency_id: string; roles: string[] };
const lead: Me = { id: 'u-snezana', agency_id: 'a-csr', roles: ['social_worker', 'team_lead'] };

function renderRota(me: Me, { onDelete = () => new Response(null, { status: 204 }), onPut = (b: Record<string, unknown>) => jsonResponse(200, b) } = {}) {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url.startsWith('/api/v1/agencies/a-csr/shifts')) return jsonResponse(200, { items: shifts, next_cursor: null });
    if (url === '/api/v1/agencies/a-csr/escalation' && method === 'PUT') return onPut(JSON.parse(String(init!.body)));
    if (url === '/api/v1/agencies/a-csr/escalation') return jsonResponse(200, { step_minutes: 15 });
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url.startsWith('/api/v1/teams')) return jsonResponse(200, { items: teams, next_cursor: null });
    if (url.startsWith('/api/v1/shifts/') && method === 'DELETE') return onDelete();
    return jsonResponse(404, { code: 'not_found' });
  });
  void i18n.changeLanguage('en');
  const client = createQueryClient();
  client.setQueryData(['me'], { ...me, username: 'x', display_name: 'X', team_ids: [], language: 'en', must_change_password: false });
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={['/on-call/a-csr']}>
          <Routes>
            <Route path="/on-call/:agencyId" element={<RotaPage />} />
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return fetchMock;
}

describe('RotaPage', () => {
  it('shows who is on call now and the next 14 days by day, asked for from now', async () => {
    const fetchMock = renderRota({ id: 'u-marija', agency_id: 'a-csr', roles: ['social_worker'] });
    expect(await screen.findByRole('heading', { level: 1, name: 'CSR Kikinda' })).toBeInTheDocument();
    const now = await screen.findByRole('region', { name: 'On call now' });
    expect(now).toHaveTextContent('Marija Petrović');
    expect(now).toHaveTextContent('On call until Monday 23 November, 15:00');
    expect(within(now).getByText('Backup').nextElementSibling).toHaveTextContent('Snežana Ilić');
    expect(within(now).getByText('Head of service').nextElementSibling).toHaveTextContent('nobody');
    const days = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(['Monday 23 November', 'Wednesday 25 November']);
    const monday = screen.getByRole('region', { name: 'Monday 23 November' });
    const items = within(monday).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('08:00 – 15:00Now');
    expect(items[1]).toHaveTextContent('15:00 – Tuesday 24 November, 07:00');
    expect(items[1]).toHaveTextContent('Ana Babić');
    const url = new URL(String(fetchMock.mock.calls.find(([u]) => String(u).includes('/shifts'))![0]), 'http://x');
    expect(url.searchParams.get('from')).toBe('2026-11-23T12:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2026-12-07T12:00:00.000Z');
  });

  it('gives a worker who is not a team lead no edit controls, and says who edits', async () => {
    renderRota({ id: 'u-marija', agency_id: 'a-csr', roles: ['social_worker'] });
    await screen.findByRole('region', { name: 'On call now' });
    expect(screen.getByText('Only a team lead of this agency or an administrator can change the rota.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Add a shift' })).toBeNull();
    expect(await screen.findByText(/within 15 minutes, it goes to the next person/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Minutes before the next person is paged')).toBeNull();
  });

  it('gives a team lead of another agency no edit controls either', async () => {
    renderRota({ id: 'u-x', agency_id: 'a-dz', roles: ['nurse', 'team_lead'] });
    await screen.findByRole('region', { name: 'On call now' });
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Add a shift' })).toBeNull();
  });

  it('lets an administrator edit any agency’s rota', async () => {
    renderRota({ id: 'u-admin', agency_id: 'a-sys', roles: ['admin'] });
    expect(await screen.findByRole('heading', { name: 'Add a shift' })).toBeInTheDocument();
    expect(await screen.findAllByRole('button', { name: /^Remove/ })).toHaveLength(2);
  });

  it('lets the agency’s team lead remove a future shift after confirming, never a running one', async () => {
    const fetchMock = renderRota(lead);
    expect(await screen.findByRole('heading', { name: 'Add a shift' })).toBeInTheDocument();
    const buttons = await screen.findAllByRole('button', { name: /^Remove/ });
    // Tonight's and Wednesday's; the running shift stays on record.
    expect(buttons).toHaveLength(2);
    expect(buttons[0]).toHaveAccessibleName(/^Remove\s?— shift of Ana Babić, Monday 23 November, 15:00$/);
    await userEvent.click(buttons[0]!);
    const confirm = screen.getByRole('group', { name: /Remove the shift of Ana Babić, Monday 23 November, 15:00\?/ });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(confirm).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/shifts/s2' && i?.method === 'DELETE')).toBe(true));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'The next 14 days' })).toHaveFocus());
  });

  it('explains a 409 when the shift has started or been paged meanwhile', async () => {
    renderRota(lead, { onDelete: () => jsonResponse(409, { status: 409, code: 'conflict' }) });
    await userEvent.click((await screen.findAllByRole('button', { name: /^Remove/ }))[1]!);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(await screen.findByText('This shift has started or someone was paged during it, so it stays on the rota.')).toBeInTheDocument();
  });

  it('lets the team lead set the escalation step, with the server’s 422 next to the field', async () => {
    const puts: Record<string, unknown>[] = [];
    renderRota(lead, {
      onPut: (b) => {
        puts.push(b);
        return b.step_minutes === 200 ? jsonResponse(422, { status: 422, code: 'validation', errors: [{ field: 'step_minutes', message: 'Give 1 to 240 minutes.' }] }) : jsonResponse(200, b);
      },
    });
    const box = await screen.findByLabelText('Minutes before the next person is paged');
    expect(box).toHaveValue('15');
    await userEvent.clear(box);
    await userEvent.type(box, '300');
    await userEvent.click(screen.getByRole('button', { name: 'Save the minutes' }));
    expect(within(screen.getByRole('alert')).getByRole('link', { name: 'Enter a whole number of minutes from 1 to 240.' })).toHaveAttribute('href', '#escalation-minutes');
    expect(puts).toHaveLength(0);
    await userEvent.clear(box);
    await userEvent.type(box, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Save the minutes' }));
    await waitFor(() => expect(puts).toEqual([{ step_minutes: 200 }]));
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(box);
    await userEvent.type(box, '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save the minutes' }));
    expect(await screen.findByText(/within 10 minutes, it goes to the next person/)).toBeInTheDocument();
    expect(puts).toEqual([{ step_minutes: 200 }, { step_minutes: 10 }]);
  });
});
