import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { ReferralsPage } from './ReferralsPage';
import type { Referral } from './types';

afterEach(() => vi.restoreAllMocks());

function referral(id: string, over: Partial<Referral> = {}): Referral {
  return {
    id,
    case_id: `c-${id}`,
    case_title: null,
    from_agency_id: 'a-csr',
    from_agency_name: 'CSR Kikinda',
    to_agency_id: 'a-dz',
    to_agency_name: 'Dom zdravlja Kikinda',
    requested_by: 'u1',
    requester_name: 'Marija Petrović',
    reason: `Reason ${id}`,
    summary: '',
    urgency: 'regular',
    status: 'requested',
    respond_by: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    overdue: false,
    accepted_by: null,
    created_at: '2026-11-23T10:00:00Z',
    updated_at: '2026-11-23T10:00:00Z',
    side: 'receiving',
    ...over,
  };
}

/** Answers GET /referrals by direction, status and cursor; records the queries. */
function serve() {
  const queries: URLSearchParams[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://x');
    if (url.pathname !== '/api/v1/referrals') return jsonResponse(404, { code: 'not_found' });
    const q = url.searchParams;
    queries.push(q);
    if (q.get('direction') === 'outgoing') {
      return jsonResponse(200, { items: [referral('o1', { side: 'requesting', case_title: 'Porodica Marković', to_agency_name: 'PS Kikinda' })], next_cursor: null });
    }
    if (q.get('cursor') === 'p2') return jsonResponse(200, { items: [referral('i3')], next_cursor: null });
    const items = [
      referral('i1', { urgency: 'immediate', overdue: true, respond_by: new Date(Date.now() - 2 * 86_400_000 - 3_600_000).toISOString() }),
      referral('i2', { status: q.get('status') === 'accepted' ? 'accepted' : 'requested' }),
    ];
    return jsonResponse(200, { items, next_cursor: q.get('status') ? null : 'p2' });
  });
  renderPage(<ReferralsPage />, { path: '/referrals', route: '/referrals' });
  return queries;
}

const list = (name: string) => screen.findByRole('list', { name });

describe('ReferralsPage', () => {
  it('shows incoming referrals without the case, with urgency, deadline and overdue in words', async () => {
    const queries = serve();
    const rows = within(await list('Incoming')).getAllByRole('listitem');
    expect(queries[0]!.get('direction')).toBe('incoming');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('From CSR Kikinda');
    expect(rows[0]).toHaveTextContent('The case is shown once your agency accepts.');
    expect(rows[0]).toHaveTextContent('Immediate · answer within 24 hours');
    expect(rows[0]).toHaveTextContent('overdue by 2 days');
    expect(rows[1]).toHaveTextContent(/Answer by /);
    expect(rows[1]).not.toHaveTextContent('overdue');
    expect(within(rows[0]!).getByRole('link')).toHaveAttribute('href', '/referrals/i1');
    expect(screen.getByText('1 referral is overdue')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Incoming' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows more a page at a time', async () => {
    const queries = serve();
    await list('Incoming');
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Incoming' })).getAllByRole('listitem')).toHaveLength(3));
    expect(queries.at(-1)!.get('cursor')).toBe('p2');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('switches to outgoing, where the case is named', async () => {
    const queries = serve();
    await list('Incoming');
    await userEvent.click(screen.getByRole('link', { name: 'Outgoing' }));
    const rows = within(await list('Outgoing')).getAllByRole('listitem');
    expect(queries.at(-1)!.get('direction')).toBe('outgoing');
    expect(rows[0]).toHaveTextContent('To PS Kikinda');
    expect(rows[0]).toHaveTextContent('Porodica Marković');
    expect(screen.getByRole('link', { name: 'Outgoing' })).toHaveAttribute('aria-current', 'page');
  });

  it('filters by status when asked', async () => {
    const queries = serve();
    await list('Incoming');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'accepted');
    // Nothing changes until the button is pressed.
    expect(queries.every((q) => !q.get('status'))).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(queries.at(-1)!.get('status')).toBe('accepted'));
    expect(queries.at(-1)!.get('direction')).toBe('incoming');
    expect(screen.getByLabelText('Status')).toHaveValue('accepted');
  });
});
