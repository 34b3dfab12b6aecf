import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { GroupsPage } from './GroupsPage';

afterEach(() => vi.restoreAllMocks());

const group = {
  id: 'g1', name: 'Grupa OJT Kikinda', chair_id: 'u-pros', chair_name: 'Dragan Stojanović', areas: ['Kikinda'],
  members: [{ id: 'u-pol', username: 'demo.police', display_name: 'Milan Jovanović', agency_id: 'a-ps', roles: ['police_liaison'] }],
};
const users = [
  { id: 'u-pros', username: 'demo.prosecutor', display_name: 'Dragan Stojanović', roles: ['coordination_chair'], active: true },
  { id: 'u-soc', username: 'demo.social', display_name: 'Marija Petrović', roles: ['social_worker'], active: true },
  { id: 'u-nur', username: 'demo.nurse', display_name: 'Jelena Đorđević', roles: ['nurse'], active: true },
];

describe('GroupsPage', () => {
  it('lists the groups, names the wrong field of a new group, and adds a permanent member from the police or the CSR only', async () => {
    const calls: { url: string; method: string; body: unknown }[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url.startsWith('/api/v1/admin/coordination-groups/g1/members') && method === 'POST') return jsonResponse(201, group);
      if (url === '/api/v1/admin/coordination-groups' && method === 'POST')
        return jsonResponse(422, { code: 'validation', status: 422, title: 'x', detail: 'x', errors: [{ field: 'areas', message: 'Name the municipalities of the group\u2019s area (1 to 50).' }] });
      if (url.startsWith('/api/v1/admin/coordination-groups')) return jsonResponse(200, { items: [group], next_cursor: null });
      if (url.startsWith('/api/v1/users')) return jsonResponse(200, { items: users, next_cursor: null });
      return jsonResponse(404, { code: 'not_found' });
    });
    renderPage(<GroupsPage />, { path: '/admin/groups', route: '/admin/groups' });
    const card = await screen.findByRole('region', { name: 'Grupa OJT Kikinda' });
    expect(within(card).getByText('Milan Jovanović')).toBeInTheDocument();
    // A new group without an area: the server names the field, the form shows it there.
    const form = screen.getByRole('form', { name: 'New group' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grupa OJT Zrenjanin');
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Dragan Stojanović (demo.prosecutor)' })).toBeInTheDocument());
    await userEvent.selectOptions(within(form).getByLabelText(/^Chair/), 'u-pros');
    await userEvent.click(within(form).getByRole('button', { name: 'Create the group' }));
    expect(await within(form).findAllByText('Name the municipalities of the group\u2019s area (1 to 50).')).not.toHaveLength(0);
    expect(calls.find((c) => c.method === 'POST' && c.url === '/api/v1/admin/coordination-groups')?.body).toEqual({ name: 'Grupa OJT Zrenjanin', chair_id: 'u-pros', areas: [] });
    // Members: the nurse is not offered; the social worker is.
    await userEvent.type(within(card).getByLabelText('Find a police liaison or a social worker'), 'a');
    await userEvent.click(within(card).getByRole('button', { name: 'Search' }));
    await within(card).findByText('Marija Petrović');
    expect(within(card).queryByText('Jelena Đorđević')).toBeNull();
    await userEvent.click(within(card).getByRole('button', { name: /Marija Petrović/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/v1/admin/coordination-groups/g1/members')).toBe(true));
    expect(calls.find((c) => c.url === '/api/v1/admin/coordination-groups/g1/members')?.body).toEqual({ user_id: 'u-soc' });
  });
});
