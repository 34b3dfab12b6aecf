import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@/lib/types';
import { jsonResponse, renderPage } from '@/test/render';
import { AlertsPage } from './AlertsPage';

afterEach(() => vi.restoreAllMocks());

const open = { id: 'a1', kind: 'emergency_access', case_id: 'c1', created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: 'u2' };

describe('AlertsPage', () => {
  it('words the alert from its kind and acknowledges it with one button', async () => {
    let acked = false;
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      if (url === '/api/v1/alerts/a1/ack' && init?.method === 'POST') {
        acked = true;
        return jsonResponse(200, { ...open, acknowledged_at: '2026-11-23T10:05:00Z' });
      }
      if (url.startsWith('/api/v1/alerts')) return jsonResponse(200, { items: [acked ? { ...open, acknowledged_at: '2026-11-23T10:05:00Z' } : open], next_cursor: null });
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<AlertsPage />, { path: '/alerts', route: '/alerts' });
    expect(await screen.findByText('Someone used emergency access on your case.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '1 open alert' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: '0 open alerts' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/alerts/a1/ack' && i?.method === 'POST')).toBe(true);
  });
});

describe('AlertsPage for referrals and mentions', () => {
  it('words each kind and links a referral alert to the referral, a mention to the case chat', async () => {
    const items = [
      { id: 'a1', kind: 'referral_received', case_id: null, referral_id: 'r1', created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: 'u2' },
      { id: 'a2', kind: 'referral_answered', case_id: null, referral_id: 'r2', created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: 'u2' },
      { id: 'a3', kind: 'referral_breached', case_id: null, referral_id: 'r3', created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: null },
      { id: 'a4', kind: 'mention', case_id: 'c1', referral_id: null, created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: 'u2' },
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, { items, next_cursor: null }));
    renderPage(<AlertsPage />, { path: '/alerts', route: '/alerts', me: { id: 'u1', roles: ['nurse'], agency_id: 'a-dz' } as User });
    const links = (text: string) => [...screen.getByText(text).closest('li')!.querySelectorAll('.alert-item__links a')];
    const received = (await screen.findByText('Another agency sent your agency a referral.')).closest('li')!;
    expect(links('Another agency sent your agency a referral.').map((a) => a.getAttribute('href'))).toEqual(['/referrals/r1']);
    expect(received).toHaveTextContent('Open the referral');
    expect(links('The agency you referred to has answered.')[0]).toHaveAttribute('href', '/referrals/r2');
    expect(links('A referral to your agency was not answered in time.')[0]).toHaveAttribute('href', '/referrals/r3');
    const mention = screen.getByText('Someone mentioned you in a case chat.').closest('li')!;
    expect(links('Someone mentioned you in a case chat.').map((a) => a.getAttribute('href'))).toEqual(['/cases/c1/chat']);
    expect(mention).toHaveTextContent('Open the chat');
    // Each alert's words lead to its own page.
    expect(screen.getByRole('link', { name: 'Someone mentioned you in a case chat.' })).toHaveAttribute('href', '/alerts/a4');
  });
});

describe('AlertsPage with urgent alerts', () => {
  it('lists an urgent (paged) alert first, marked with a word and an icon, not by colour alone', async () => {
    const items = [
      { id: 'a1', kind: 'mention', case_id: 'c1', referral_id: null, page_id: null, urgent: false, created_at: '2026-11-23T10:05:00Z', acknowledged_at: null, actor_id: 'u2' },
      { id: 'a2', kind: 'referral_received', case_id: null, referral_id: 'r1', page_id: 'p1', urgent: true, created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: null },
      { id: 'a3', kind: 'referral_received', case_id: null, referral_id: 'r1', page_id: null, urgent: false, created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: null },
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, { items, next_cursor: null }));
    renderPage(<AlertsPage />, { path: '/alerts', route: '/alerts' });
    const urgent = await screen.findByRole('link', { name: 'An immediate referral came to your agency while you are on call.' });
    expect(urgent).toHaveAttribute('href', '/alerts/a2');
    const rows = screen.getByRole('heading', { name: '3 open alerts' }).parentElement!.querySelectorAll('li');
    expect(rows[0]).toContainElement(urgent);
    const tag = rows[0]!.querySelector('.tag')!;
    expect(tag).toHaveTextContent('⚠ Urgent');
    expect(tag.querySelector('[aria-hidden="true"]')).toHaveTextContent('⚠');
    expect(rows[1]).toHaveTextContent('Someone mentioned you in a case chat.');
    expect(rows[2]).toHaveTextContent('Another agency sent your agency a referral.');
  });
});

describe('AlertsPage with intake alerts', () => {
  it('words an intake alert and leads a social worker to the intake queue', async () => {
    const items = [{ id: 'a1', kind: 'intake', case_id: null, referral_id: null, intake_id: 'i1', created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: null }];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, { items, next_cursor: null }));
    renderPage(<AlertsPage />, { path: '/alerts', route: '/alerts', me: { id: 'u1', roles: ['social_worker'], agency_id: 'a-csr' } as User });
    const item = (await screen.findByText('An event about a person with no open case is waiting in the intake queue.')).closest('li')!;
    expect([...item.querySelectorAll('.alert-item__links a')].map((a) => a.getAttribute('href'))).toEqual(['/intake']);
    expect(screen.getByRole('link', { name: 'Intake queue: events from partner systems' })).toHaveAttribute('href', '/intake');
  });
});

describe('AlertsPage for the other kinds', () => {
  it('words tasks, inbound events, urgent measures, meetings, opinions and reports, and links each to its page', async () => {
    const base = { created_at: '2026-11-23T10:00:00Z', acknowledged_at: null, actor_id: null, referral_id: null };
    const items = [
      { ...base, id: 'b1', kind: 'task_overdue', case_id: 'c1', task_id: 't1' },
      { ...base, id: 'b2', kind: 'inbound_event', case_id: 'c2' },
      { ...base, id: 'b3', kind: 'measure_deadline', case_id: 'c3', measure_id: 'm1' },
      { ...base, id: 'b4', kind: 'meeting_not_planned', case_id: null, meeting_id: 'mt1' },
      { ...base, id: 'b5', kind: 'opinion_requested', case_id: null, opinion_id: 'o1' },
      { ...base, id: 'b6', kind: 'violence_report', case_id: null, report_id: 'v1' },
      { ...base, id: 'b7', kind: 'referral_cancelled', case_id: null, referral_id: 'r9' },
    ];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, { items, next_cursor: null }));
    renderPage(<AlertsPage />, { path: '/alerts', route: '/alerts', me: { id: 'u1', roles: ['police_liaison'], agency_id: 'a-ps' } as User });
    const hrefs = (text: string) => [...screen.getByText(text).closest('li')!.querySelectorAll('.alert-item__links a')].map((a) => a.getAttribute('href'));
    expect(await screen.findByText('A task of yours is past its due time.')).toBeInTheDocument();
    expect(hrefs('A task of yours is past its due time.')).toEqual(['/cases/c1']);
    expect(hrefs("Another agency's system reported an event about a person of your case.")).toEqual(['/cases/c2']);
    expect(hrefs('A deadline of an urgent measure is near.')).toEqual(['/cases/c3/dv']);
    expect(hrefs('Your coordination group has no next meeting planned.')).toEqual(['/meetings/mt1']);
    expect(hrefs('The police ask your Center for Social Work for an opinion.')).toEqual(['/opinion-requests/o1']);
    expect(hrefs('An institution reported domestic violence to your agency.')).toEqual(['/violence-reports/v1']);
    expect(hrefs('The agency that referred a case to yours cancelled the referral.')).toEqual(['/referrals/r9']);
    expect(screen.queryByText('New alert.')).toBeNull();
  });
});
