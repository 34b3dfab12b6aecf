import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@/lib/types';
import { jsonResponse, renderPage } from '@/test/render';
import { OnCallPage } from './OnCallPage';

// Dates are worded without the year in the current year: the tests live in November 2026.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T23:30:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const items = [
  { agency_id: 'a-dz', agency_name: 'Dom zdravlja Kikinda', shift: null },
  {
    agency_id: 'a-csr',
    agency_name: 'CSR Kikinda',
    shift: { id: 's1', agency_id: 'a-csr', starts_at: '2026-11-23T14:00:00Z', ends_at: '2026-11-24T06:00:00Z', oncall_user_id: 'u1', oncall_name: 'Marija Petrović', backup_user_id: 'u2', backup_name: 'Snežana Ilić', head_user_id: null, head_name: null },
  },
];

describe('OnCallPage', () => {
  it('lists who is on call now in every agency, the caller’s own first, each with its rota', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, { items, next_cursor: null }));
    renderPage(<OnCallPage />, { path: '/oncall', route: '/oncall', me: { id: 'u1', roles: ['social_worker'], agency_id: 'a-csr' } as User });
    const list = await screen.findByRole('list', { name: 'Agencies' });
    const [own, other] = within(list).getAllByRole('listitem');
    expect(within(own!).getByRole('heading', { level: 2 })).toHaveTextContent('CSR KikindaYour agency');
    expect(own).toHaveTextContent('Marija Petrović');
    expect(within(own!).getByText('Backup').nextElementSibling).toHaveTextContent('Snežana Ilić');
    expect(within(own!).getByText('Head of service').nextElementSibling).toHaveTextContent('nobody');
    expect(within(own!).getByText('On call until').nextElementSibling).toHaveTextContent('Tuesday 24 November, 07:00');
    expect(within(own!).getByRole('link')).toHaveAttribute('href', '/on-call/a-csr');
    expect(other).toHaveTextContent('Nobody is on call now.');
    expect(within(other!).getByRole('link', { name: /Rota for the next 14 days/ })).toHaveAttribute('href', '/on-call/a-dz');
  });
});
