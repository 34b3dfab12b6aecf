import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { IntakePage, parseEvent } from './IntakePage';

afterEach(() => vi.restoreAllMocks());

const event = JSON.stringify({
  type: 'police_intervention',
  occurred_at: '2026-11-23T09:15:00Z',
  municipality: 'Kikinda',
  note: 'Children alone at home.',
  person: { jmbg: '*********5027', first_name: 'Marko', last_name: 'Marković' },
});
const open = { id: 'i1', event_type: 'police_intervention', person_name: 'Marko Marković', created_at: '2026-11-23T09:20:00Z', taken_by: null, taken_at: null, event };
const taken = { ...open, id: 'i2', event_type: 'hospital_discharge', person_name: 'Ana Anić', taken_by: 'u9', taken_at: '2026-11-23T09:30:00Z', event: '{"occurred_at":"2026-11-23T08:00:00Z"}' };

function mockApi(take: () => Response) {
  let done = false;
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url === '/api/v1/intake/i1/take' && init?.method === 'POST') {
      const res = take();
      if (res.status === 204) done = true;
      return res;
    }
    if (url.startsWith('/api/v1/intake')) return jsonResponse(200, { items: [done ? { ...open, taken_by: 'u1', taken_at: '2026-11-23T09:40:00Z' } : open, taken], next_cursor: null });
    return jsonResponse(404, { code: 'not_found' });
  });
}

describe('IntakePage', () => {
  it('shows open items first with the event in words, and takes one in', async () => {
    const fetchMock = mockApi(() => new Response(null, { status: 204 }));
    renderPage(<IntakePage />, { path: '/intake', route: '/intake' });
    const heading = await screen.findByRole('heading', { name: 'Police intervention: Marko Marković' });
    expect(screen.getByRole('heading', { name: '1 waiting' })).toBeInTheDocument();
    const item = heading.closest('li')!;
    expect(item).toHaveTextContent('Kikinda');
    expect(item).toHaveTextContent('Children alone at home.');
    expect(item).not.toHaveTextContent('5027');
    expect(screen.getByRole('heading', { name: 'Hospital discharge: Ana Anić' }).closest('li')).toHaveTextContent('A colleague took it in');
    await userEvent.click(screen.getByRole('button', { name: 'Take it in' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: '0 waiting' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Take it in' })).toBeNull();
    expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/intake/i1/take' && i?.method === 'POST')).toBe(true);
  });

  it('says when a colleague took it first (409)', async () => {
    mockApi(() => jsonResponse(409, { code: 'conflict' }));
    renderPage(<IntakePage />, { path: '/intake', route: '/intake' });
    await userEvent.click(await screen.findByRole('button', { name: 'Take it in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A colleague has already taken this in.');
  });

  it("says the item is not the agency's (404)", async () => {
    mockApi(() => jsonResponse(404, { code: 'not_found' }));
    renderPage(<IntakePage />, { path: '/intake', route: '/intake' });
    await userEvent.click(await screen.findByRole('button', { name: 'Take it in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("This event is not in your agency's queue.");
  });

  it('reads what it can from the event and ignores a body that is not JSON', () => {
    expect(parseEvent('not json')).toEqual({});
    expect(parseEvent(event)).toMatchObject({ municipality: 'Kikinda', occurred_at: '2026-11-23T09:15:00Z', urgent_measure: false });
  });
});
