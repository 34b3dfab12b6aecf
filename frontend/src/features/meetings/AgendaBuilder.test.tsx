import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { MeetingPage } from './MeetingPage';
import { chairUser, detail, item, mockApi, writes } from './testData';
import type { MeetingDetail } from './types';

afterEach(() => vi.restoreAllMocks());

function planned(): MeetingDetail {
  return detail({
    status: 'planned',
    items: [
      item({ id: 'i-babic', case_id: 'c-babic', title: 'Porodica Babić', section: 'new', position: 1, repeat: true, risk_level: 'very_high' }),
      item({ id: 'i-markovic', case_id: 'c-markovic', title: 'Porodica Marković', section: 'new', position: 2, risk_level: 'medium' }),
      item({ id: 'i-jovic', case_id: 'c-jovic', title: 'Porodica Jović', section: 'ongoing', position: 1, risk_level: 'high' }),
      item({ id: 'i-obuka', title: 'Obuka o proceni rizika', section: 'other', position: 1 }),
    ],
  });
}

function renderMeeting() {
  let state = planned();
  const fetchMock = mockApi((url, init) => {
    if (url === '/api/v1/meetings/m1' && init?.method === 'GET') return jsonResponse(200, state);
    if (url === '/api/v1/meetings/m1/agenda/order' && init?.method === 'PUT') {
      const ids: string[] = JSON.parse(String(init.body)).item_ids;
      state = { ...state, items: ids.map((id) => state.items.find((i) => i.id === id)!) };
      return jsonResponse(200, { items: state.items });
    }
    if (url === '/api/v1/meetings/m1/items' && init?.method === 'POST') {
      const added = item({ id: 'i-new', title: JSON.parse(String(init.body)).title, section: 'other', position: 2 });
      state = { ...state, items: [...state.items, added] };
      return jsonResponse(201, added);
    }
    return undefined;
  });
  renderPage(<MeetingPage />, { path: '/meetings/:id', route: '/meetings/m1', me: chairUser });
  return fetchMock;
}

describe('AgendaBuilder', () => {
  it('shows the sections in the legal order and marks the repeat case with a word', async () => {
    renderMeeting();
    const agenda = await screen.findByRole('region', { name: /^Agenda/ });
    const headings = within(agenda)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent?.replace(/\s*\(\d+\)$/, ''));
    expect(headings.slice(0, 4)).toEqual(['New cases', 'Ongoing cases', 'Cases needing measures to speed up court proceedings', 'Other topics']);
    const newCases = within(agenda).getByRole('list', { name: /New cases/ });
    const first = within(newCases).getAllByRole('listitem')[0]!;
    expect(first).toHaveTextContent('Porodica Babić');
    expect(first).toHaveTextContent('Repeat case');
    expect(within(agenda).getByRole('button', { name: /^Move up\s*—\s*Porodica Babić$/ })).toBeDisabled();
    expect(within(agenda).getByRole('button', { name: /^Move down\s*—\s*Porodica Marković$/ })).toBeDisabled();
  });

  it('sends every item id in the new order when an item moves, and keeps focus on it', async () => {
    const fetchMock = renderMeeting();
    const down = await screen.findByRole('button', { name: /^Move down\s*—\s*Porodica Babić$/ });
    await userEvent.click(down);
    await waitFor(() => expect(writes(fetchMock)).toHaveLength(1));
    expect(writes(fetchMock)[0]).toEqual({
      url: '/api/v1/meetings/m1/agenda/order',
      method: 'PUT',
      body: { item_ids: ['i-markovic', 'i-babic', 'i-jovic', 'i-obuka'] },
    });
    const newCases = screen.getByRole('list', { name: /New cases/ });
    await waitFor(() => expect(within(newCases).getAllByRole('listitem')[0]).toHaveTextContent('Porodica Marković'));
    // At the bottom of its section now: focus moves to the button that still works.
    await waitFor(() => expect(screen.getByRole('button', { name: /^Move up\s*—\s*Porodica Babić$/ })).toHaveFocus());
    expect(await screen.findByTestId('live-region')).toHaveTextContent('Porodica Babić moved: now 2 of 2 in New cases.');
  });

  it('adds a topic under Other topics', async () => {
    const fetchMock = renderMeeting();
    await userEvent.type(await screen.findByLabelText('Topic'), 'Izveštaj za tužilaštvo');
    await userEvent.click(screen.getByRole('button', { name: 'Add the topic' }));
    await waitFor(() => expect(writes(fetchMock)).toEqual([{ url: '/api/v1/meetings/m1/items', method: 'POST', body: { title: 'Izveštaj za tužilaštvo' } }]));
    const other = await screen.findByRole('list', { name: /Other topics/ });
    await waitFor(() => expect(within(other).getAllByRole('listitem')).toHaveLength(2));
  });
});

describe('Inviting an occasional member', () => {
  it('finds people by name through the server and invites the one chosen', async () => {
    const fetchMock = mockApi((url, init) => {
      if (url === '/api/v1/meetings/m1' && init?.method === 'GET') return jsonResponse(200, planned());
      if (url.startsWith('/api/v1/coordination-groups/g1/candidates'))
        return jsonResponse(200, { items: [{ user_id: 'u-nurse', display_name: 'Jelena Đorđević', agency_name: 'Dom zdravlja Kikinda' }], next_cursor: null });
      if (url === '/api/v1/meetings/m1/items/i-babic/invitations' && init?.method === 'POST') return jsonResponse(201, { items: [] });
      return undefined;
    });
    renderPage(<MeetingPage />, { path: '/meetings/:id', route: '/meetings/m1', me: chairUser });
    const babic = (await screen.findAllByText('Porodica Babić'))[0]!.closest('li')!;
    await userEvent.click(within(babic).getByRole('button', { name: /Invite an occasional member/ }));
    const form = screen.getByRole('form', { name: 'Invite to Porodica Babić' });
    await userEvent.type(within(form).getByLabelText('Find someone by name'), 'ђорђ');
    await userEvent.click(within(form).getByRole('button', { name: 'Search' }));
    await within(form).findByRole('option', { name: 'Jelena Đorđević — Dom zdravlja Kikinda' });
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/coordination-groups/g1/candidates?q=%D1%92%D0%BE%D1%80%D1%92'))).toBe(true);
    await userEvent.selectOptions(within(form).getByLabelText(/^Who/), 'u-nurse');
    await userEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    await waitFor(() => expect(writes(fetchMock).some((w) => w.url === '/api/v1/meetings/m1/items/i-babic/invitations')).toBe(true));
  });
});
