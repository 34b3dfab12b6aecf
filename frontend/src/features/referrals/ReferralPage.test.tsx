import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { ReferralPage } from './ReferralPage';
import type { Referral, ReferralStatus } from './types';

afterEach(() => vi.restoreAllMocks());

const base: Referral = {
  id: 'r1',
  case_id: 'c1',
  case_title: null,
  from_agency_id: 'a-csr',
  from_agency_name: 'CSR Kikinda',
  to_agency_id: 'a-dz',
  to_agency_name: 'Dom zdravlja Kikinda',
  requested_by: 'u1',
  requester_name: 'Marija Petrović',
  reason: 'Health check for an elderly woman',
  summary: 'Lives alone.',
  urgency: 'immediate',
  status: 'requested',
  respond_by: new Date(Date.now() + 5 * 3_600_000).toISOString(),
  overdue: false,
  accepted_by: null,
  created_at: '2026-11-23T10:00:00Z',
  updated_at: '2026-11-23T10:00:00Z',
  side: 'receiving',
  events: [{ seq: 1, action: 'request', from_status: null, to_status: 'requested', actor_id: 'u1', actor_name: 'Marija Petrović', note: '', at: '2026-11-23T10:00:00Z' }],
};

type Post = { url: string; body: Record<string, unknown> };

/** Serves GET /referrals/r1 (the latest state) and answers POSTs with `onPost`. */
function serve(initial: Referral, onPost: (p: Post) => Response = () => jsonResponse(500, {})) {
  let current = initial;
  const posts: Post[] = [];
  let gets = 0;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (init?.method === 'POST') {
      const p = { url, body: init.body ? JSON.parse(String(init.body)) : {} };
      posts.push(p);
      const res = onPost(p);
      if (res.ok) current = (await res.clone().json()) as Referral;
      return res;
    }
    if (url === '/api/v1/referrals/r1') {
      gets++;
      return jsonResponse(200, current);
    }
    return jsonResponse(404, { code: 'not_found' });
  });
  renderPage(<ReferralPage />, { path: '/referrals/:id', route: '/referrals/r1' });
  return {
    posts,
    gets: () => gets,
    set: (r: Referral) => {
      current = r;
    },
  };
}

const buttonNames = () =>
  within(screen.getByRole('region', { name: 'What you can do' }))
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('ReferralPage', () => {
  const cases: [Referral['side'], ReferralStatus, string[]][] = [
    ['receiving', 'requested', ['Accept', 'Reject']],
    ['receiving', 'accepted', ['Start work']],
    ['receiving', 'in_progress', ['Mark complete']],
    ['receiving', 'completed', []],
    ['receiving', 'rejected', []],
    ['requesting', 'requested', ['Cancel the referral']],
    ['requesting', 'accepted', ['Cancel the referral']],
    ['requesting', 'in_progress', ['Cancel the referral']],
    ['requesting', 'cancelled', []],
    ['', 'requested', []],
  ];
  for (const [side, status, buttons] of cases) {
    it(`shows ${buttons.join(', ') || 'no buttons'} to the ${side || 'case member of neither'} side when ${status}`, async () => {
      serve({ ...base, side, status, case_title: side === 'receiving' && status === 'requested' ? null : 'Porodica Marković' });
      await screen.findByRole('heading', { level: 1 });
      expect(buttonNames()).toEqual(buttons);
    });
  }

  it('shows the receiving side what was shared, not the case, with the deadline in words', async () => {
    serve(base);
    expect(await screen.findByRole('heading', { level: 1, name: 'Referral from CSR Kikinda' })).toBeInTheDocument();
    expect(screen.getByText(/sees only the reason and the summary the other agency shared/)).toBeInTheDocument();
    expect(screen.getByText('Lives alone.')).toBeInTheDocument();
    expect(screen.getByText(/answer within 5 hours/)).toBeInTheDocument();
    expect(screen.getAllByText('Immediate').length).toBeGreaterThan(0);
    expect(screen.getByRole('region', { name: 'History' })).toHaveTextContent('Marija Petrović sent the referral');
  });

  it('marks an overdue referral in words', async () => {
    serve({ ...base, overdue: true, respond_by: new Date(Date.now() - 2 * 86_400_000 - 3_600_000).toISOString() });
    expect(await screen.findByText(/overdue by 2 days/)).toBeInTheDocument();
  });

  it('needs a reason to reject, asks first, and sends the reason', async () => {
    const s = serve(base, () => jsonResponse(200, { ...base, status: 'rejected' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Reject' }));
    const form = screen.getByRole('form', { name: 'Reject this referral?' });
    expect(within(form).getByLabelText('Why you reject it')).toHaveFocus();
    await userEvent.click(within(form).getByRole('button', { name: 'Yes, reject it' }));
    expect(within(form).getByLabelText('Why you reject it')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('link', { name: 'Say why you reject the referral.' })).toHaveAttribute('href', '#referral-note');
    expect(s.posts).toHaveLength(0);
    await userEvent.type(within(form).getByLabelText('Why you reject it'), 'Not our work: ask the school');
    await userEvent.click(within(form).getByRole('button', { name: 'Yes, reject it' }));
    await waitFor(() => expect(s.posts).toEqual([{ url: '/api/v1/referrals/r1/reject', body: { reason: 'Not our work: ask the school' } }]));
    expect(await screen.findByText('The referral was rejected; there are no more steps.')).toBeInTheDocument();
  });

  it('goes back from a confirmation without doing anything, focus on the button again', async () => {
    const s = serve({ ...base, side: 'requesting', case_title: 'Porodica Marković' });
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel the referral' }));
    expect(screen.getByRole('form', { name: 'Cancel this referral?' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('button', { name: 'Cancel the referral' })).toHaveFocus();
    expect(s.posts).toHaveLength(0);
  });

  it('says the referral changed meanwhile on a 409, and reloads it', async () => {
    const s = serve({ ...base, side: 'requesting', case_title: 'Porodica Marković' }, () =>
      jsonResponse(409, { status: 409, code: 'conflict', detail: 'A referral that is rejected cannot be cancelled.' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel the referral' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel the referral' }));
    expect(await screen.findByText('The referral changed meanwhile. Reload it to see where it stands now.')).toBeInTheDocument();
    expect(s.posts).toEqual([{ url: '/api/v1/referrals/r1/cancel', body: {} }]);
    s.set({ ...base, side: 'requesting', status: 'rejected', case_title: 'Porodica Marković' });
    const before = s.gets();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(s.gets()).toBeGreaterThan(before));
    expect(await screen.findByText('The referral was rejected; there are no more steps.')).toBeInTheDocument();
    expect(screen.queryByText(/changed meanwhile/)).toBeNull();
  });

  it('accepts with one tap and then links to the case', async () => {
    const s = serve(base, () =>
      jsonResponse(200, {
        ...base,
        status: 'accepted',
        case_title: 'Porodica Marković',
        events: [...base.events!, { seq: 2, action: 'accept', from_status: 'requested', to_status: 'accepted', actor_id: 'u2', actor_name: 'Jelena Đorđević', note: '', at: '2026-11-23T11:00:00Z' }],
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Accept' }));
    const open = await screen.findByRole('link', { name: 'Open the case' });
    expect(open).toHaveAttribute('href', '/cases/c1');
    expect(s.posts).toEqual([{ url: '/api/v1/referrals/r1/accept', body: {} }]);
    expect(screen.getByRole('button', { name: 'Start work' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Porodica Marković' })).toHaveAttribute('href', '/cases/c1');
    expect(screen.getByRole('region', { name: 'History' })).toHaveTextContent('Jelena Đorđević accepted the referral');
  });

  it('is calm about a referral it may not see', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(404, { status: 404, code: 'not_found' }));
    renderPage(<ReferralPage />, { path: '/referrals/:id', route: '/referrals/r9' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Referral not found' })).toBeInTheDocument();
  });
});
