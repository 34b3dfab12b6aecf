import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
