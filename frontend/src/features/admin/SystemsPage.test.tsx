import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { SystemsPage } from './SystemsPage';

afterEach(() => vi.restoreAllMocks());

const agencies = [
  { id: 'ag-pu', name: 'PU Kikinda', type: 'police', municipality: 'Kikinda' },
  { id: 'ag-sys', name: 'Systems', type: 'system', municipality: '' },
];
const system = { id: 's1', name: 'PU Kikinda dispatch', kind: 'police_dispatch', agency_id: 'ag-pu', created_at: '2026-11-20T10:00:00Z', rotated_at: null };

function mockApi(register: (body: unknown) => Response) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url === '/api/v1/inbound/systems' && init?.method === 'POST') return register(JSON.parse(String(init.body)));
    if (url === '/api/v1/inbound/systems/s1/rotate' && init?.method === 'POST') return jsonResponse(200, { system: { ...system, rotated_at: '2026-11-23T10:00:00Z' }, secret: 'rotated-secret' });
    if (url.startsWith('/api/v1/inbound/systems')) return jsonResponse(200, { items: [system], next_cursor: null });
    return jsonResponse(404, { code: 'not_found' });
  });
}

const fill = async () => {
  await userEvent.type(screen.getByLabelText('Name'), 'KBC Novi Sad');
  await userEvent.selectOptions(screen.getByLabelText('Kind of system'), 'hospital');
  await userEvent.selectOptions(screen.getByLabelText(/^Agency/), 'ag-pu');
  await userEvent.click(screen.getByRole('button', { name: 'Register the system' }));
};

describe('SystemsPage', () => {
  it('lists the systems and shows a new system its secret once, with its id and the docs', async () => {
    const fetchMock = mockApi(() => jsonResponse(201, { system: { ...system, id: 's2', name: 'KBC Novi Sad', kind: 'hospital' }, secret: 'the-secret' }));
    renderPage(<SystemsPage />, { path: '/admin/systems', route: '/admin/systems' });
    const row = (await screen.findByText('PU Kikinda dispatch', { selector: '.row-list__title' })).closest('li')!;
    expect(row).toHaveTextContent('Police dispatch');
    // The system agency is not offered.
    await waitFor(() => expect(screen.getByRole('option', { name: 'PU Kikinda' })).toBeInTheDocument());
    expect(screen.queryByRole('option', { name: 'Systems' })).toBeNull();
    await fill();
    expect(await screen.findByRole('heading', { name: 'KBC Novi Sad is registered' })).toHaveFocus();
    expect(screen.getByLabelText(/^Secret/)).toHaveValue('the-secret');
    expect(screen.getByLabelText(/^System ID/)).toHaveValue('s2');
    expect(screen.getByText(/shown only this once/)).toBeInTheDocument();
    expect(screen.getByText('docs/api-inbound.md')).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/inbound/systems' && i?.method === 'POST')!;
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'KBC Novi Sad', kind: 'hospital', agency_id: 'ag-pu' });
    await userEvent.click(screen.getByRole('button', { name: 'Copied, close' }));
    expect(screen.queryByLabelText(/^Secret/)).toBeNull();
  });

  it('asks for the empty fields before sending', async () => {
    const fetchMock = mockApi(() => jsonResponse(500, {}));
    renderPage(<SystemsPage />, { path: '/admin/systems', route: '/admin/systems' });
    await userEvent.click(await screen.findByRole('button', { name: 'Register the system' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Enter the system's name");
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(false);
  });

  it("maps the server's 422 to the fields", async () => {
    mockApi(() =>
      jsonResponse(422, {
        code: 'validation',
        errors: [
          { field: 'name', message: 'Name the system (at most 200 characters).' },
          { field: 'agency_id', message: 'Choose the agency whose system this is.' },
        ],
      }),
    );
    renderPage(<SystemsPage />, { path: '/admin/systems', route: '/admin/systems' });
    await screen.findByText('PU Kikinda dispatch', { selector: '.row-list__title' });
    await fill();
    expect(await screen.findByLabelText('Name')).toHaveAccessibleDescription(/Name the system \(at most 200 characters\)/);
    expect(screen.getByLabelText(/^Agency/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('says so when the name is taken (409)', async () => {
    mockApi(() => jsonResponse(409, { code: 'conflict' }));
    renderPage(<SystemsPage />, { path: '/admin/systems', route: '/admin/systems' });
    await screen.findByText('PU Kikinda dispatch', { selector: '.row-list__title' });
    await fill();
    expect(await screen.findByRole('alert')).toHaveTextContent('A system with this name is already registered.');
  });

  it('rotates a secret after asking, and shows the new one', async () => {
    mockApi(() => jsonResponse(500, {}));
    renderPage(<SystemsPage />, { path: '/admin/systems', route: '/admin/systems' });
    const row = (await screen.findByText('PU Kikinda dispatch', { selector: '.row-list__title' })).closest('li')!;
    await userEvent.click(within(row).getByRole('button', { name: 'New secret for PU Kikinda dispatch' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Yes, make a new secret' }));
    expect(await screen.findByRole('heading', { name: 'New secret for PU Kikinda dispatch' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Secret/)).toHaveValue('rotated-secret');
    expect(screen.getByText('The old secret stays valid for one more day.')).toBeInTheDocument();
  });
});
