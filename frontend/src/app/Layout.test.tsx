import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { RealtimeSocket, setRealtimeSocket } from '@/lib/socket';
import type { Role, User } from '@/lib/types';
import { FakeSocket } from '@/test/fakeSocket';
import { jsonResponse } from '@/test/render';
import { Layout } from './Layout';

function user(roles: Role[]): User {
  return {
    id: 'u1',
    username: 'lead',
    display_name: 'Vesna Lead',
    agency_id: 'a1',
    roles,
    team_ids: ['t1'],
    active: true,
    mfa_enabled: false,
    must_change_password: false,
    language: 'en',
    created_at: '2026-01-01T00:00:00Z',
    deactivated_at: null,
  };
}

/** How many alerts the server has open now; each read of the list is counted. */
let openAlerts = 1;
let alertReads = 0;

function renderLayout(me: User | null) {
  void i18n.changeLanguage('en');
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/alerts?')) {
      alertReads += 1;
      const items = Array.from({ length: openAlerts }, (_, i) => ({ id: `a${i}`, kind: 'mention', case_id: 'c1', referral_id: null, created_at: '2026-11-24T10:00:00Z', acknowledged_at: null, actor_id: null }));
      return jsonResponse(200, { items, next_cursor: null });
    }
    if (url === '/api/v1/auth/logout' && init?.method === 'POST') return new Response(null, { status: 204 });
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  client.setQueryData(['me'], me);
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route element={<Layout />}>
              <Route path="/" element={<p>home</p>} />
              <Route path="/login" element={<p>login</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return client;
}

const alertsLink = () => screen.getByRole('link', { name: /^Alerts/ });

beforeEach(() => {
  FakeSocket.all = [];
  openAlerts = 1;
  alertReads = 0;
  sessionStorage.clear();
  // Reconnects come after a millisecond or two, so the test need not wait.
  setRealtimeSocket(new RealtimeSocket({ url: 'ws://test', connect: (u) => new FakeSocket(u), baseDelayMs: 2, random: () => 0 }));
});
afterEach(() => {
  setRealtimeSocket(null);
  vi.restoreAllMocks();
});

describe('Layout: the live alert count', () => {
  it('opens the shared connection while signed in, with no chat open, and reads the count again on each alert frame and after a reconnect', async () => {
    renderLayout(user(['social_worker', 'team_lead']));
    await waitFor(() => expect(alertsLink()).toHaveTextContent('1 open alert'));
    expect(FakeSocket.all).toHaveLength(1);
    const ws = FakeSocket.last();
    act(() => ws.accept('u1'));
    expect(alertReads).toBe(1);

    openAlerts = 2;
    act(() => ws.receive({ type: 'alert' }));
    await waitFor(() => expect(alertsLink()).toHaveTextContent('2 open alerts'));
    expect(alertReads).toBe(2);

    // Frames sent while the connection was down are lost: a reconnect reads the count again.
    openAlerts = 0;
    act(() => ws.drop(1006));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    act(() => FakeSocket.last().accept('u1'));
    await waitFor(() => expect(alertsLink()).not.toHaveTextContent(/open alert/));
    expect(alertReads).toBe(3);
  });

  it('opens no connection while signed out', async () => {
    renderLayout(null);
    await screen.findByText('home');
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('ends the session on close code 4001: the user is signed out, told so at login, and the socket stays closed', async () => {
    const client = renderLayout(user(['nurse']));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    act(() => FakeSocket.last().accept('u1'));
    act(() => FakeSocket.last().drop(4001));
    expect(client.getQueryData(['me'])).toBeNull();
    expect(sessionStorage.getItem('zajedno.sessionEnded')).toBe('1');
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('closes the connection before logging out, so the 4001 the server sends is not taken for a session that ended on its own', async () => {
    const client = renderLayout(user(['nurse']));
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    const ws = FakeSocket.last();
    act(() => ws.accept('u1'));
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(ws.closedWith).toBe(1000);
    ws.drop(4001);
    await screen.findByText('login');
    expect(client.getQueryData(['me'])).toBeNull();
    expect(sessionStorage.getItem('zajedno.sessionEnded')).toBeNull();
    expect(FakeSocket.all).toHaveLength(1);
  });
});

describe('Layout: the intake queue in the navigation', () => {
  it.each([
    [['social_worker'] as Role[], true],
    [['social_worker', 'team_lead'] as Role[], true],
    [['nurse'] as Role[], false],
    [['auditor'] as Role[], false],
  ])('%j sees the Intake link: %s', async (roles, shown) => {
    renderLayout(user(roles));
    await screen.findByRole('link', { name: 'Home' });
    const link = screen.queryByRole('link', { name: 'Intake' });
    if (shown) expect(link).toHaveAttribute('href', '/intake');
    else expect(link).toBeNull();
  });
});
