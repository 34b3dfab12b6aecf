import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { NewCasePage } from './NewCasePage';

afterEach(() => vi.restoreAllMocks());

const team = { id: 't1', name: 'Kikinda centar', members: [] };

function mockApi(createResponse: Response, matches?: unknown) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/teams')) return jsonResponse(200, { items: [team], next_cursor: null });
    if (matches && url.startsWith('/api/v1/people/matches')) return jsonResponse(200, matches);
    if (url === '/api/v1/cases' && init?.method === 'POST') return createResponse;
    return jsonResponse(404, { code: 'not_found' });
  });
}

async function fillValidForm() {
  await userEvent.type(screen.getByLabelText('First name'), 'Milica');
  await userEvent.type(screen.getByLabelText('Last name'), 'Petrović');
  await userEvent.type(screen.getByLabelText('JMBG'), '0101990710008');
  await userEvent.type(screen.getByLabelText('Case title'), 'Porodica P.');
  await userEvent.selectOptions(screen.getByLabelText('Kind of case'), 'child_protection');
  // The only team is preselected.
  await waitFor(() => expect(screen.getByLabelText('Team')).toHaveValue('t1'));
}

describe('NewCasePage', () => {
  it('checks the JMBG in the browser as soon as 13 digits are typed', async () => {
    const fetchMock = mockApi(jsonResponse(201, {}));
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    const jmbg = screen.getByLabelText('JMBG');
    await userEvent.type(jmbg, '0101990710007');
    expect(jmbg).toHaveAttribute('aria-invalid', 'true');
    expect(jmbg).toHaveAccessibleDescription(/check digit does not match/);
    await userEvent.clear(jmbg);
    await userEvent.type(jmbg, '0101990710008');
    expect(jmbg).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText(/The JMBG is valid/)).toBeInTheDocument();
    // A date of birth that disagrees is caught too.
    await userEvent.type(screen.getByLabelText('Date of birth'), '1991-02-03');
    expect(jmbg).toHaveAccessibleDescription(/do not agree/);
    expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST')).toBe(false);
  });

  it('puts the server 422 field subject.jmbg on the JMBG field, and keeps what was typed', async () => {
    mockApi(
      jsonResponse(422, {
        status: 422,
        code: 'validation',
        errors: [
          { field: 'subject.jmbg', message: 'JMBG does not match the date of birth.' },
          { field: 'title', message: 'Title is required.' },
        ],
      }),
    );
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    const jmbg = screen.getByLabelText('JMBG');
    await waitFor(() => expect(jmbg).toHaveAttribute('aria-invalid', 'true'));
    expect(jmbg).toHaveAccessibleDescription(/does not agree with the date of birth/);
    expect(screen.getByLabelText('Case title')).toHaveAttribute('aria-invalid', 'true');
    const summary = screen.getByRole('alert');
    expect(summary.querySelector('a[href="#jmbg"]')).not.toBeNull();
    expect(summary.querySelector('a[href="#title"]')).not.toBeNull();
    expect(jmbg).toHaveValue('0101990710008');
  });

  it('maps the person and team fields from the server too', async () => {
    mockApi(
      jsonResponse(422, {
        status: 422,
        code: 'validation',
        errors: [
          { field: 'subject.first_name', message: 'required' },
          { field: 'team_id', message: 'not a member' },
        ],
      }),
    );
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    await waitFor(() => expect(screen.getByLabelText('First name')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Team')).toHaveAccessibleDescription(/only in a team you belong to/);
  });

  it('sends the case and goes to the workspace after 201', async () => {
    const fetchMock = mockApi(jsonResponse(201, { id: 'c9', title: 'Porodica P.', members: [] }));
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    await screen.findByText('elsewhere');
    const call = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST')!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({
      title: 'Porodica P.',
      category: 'child_protection',
      team_id: 't1',
      subject: { first_name: 'Milica', last_name: 'Petrović', jmbg: '0101990710008' },
    });
  });

  it('offers a person the user already knows, and "use" opens the case for that person_id', async () => {
    const known = {
      id: 'p7',
      first_name: 'Milica',
      last_name: 'Petrović',
      jmbg_masked: '•••••••••0008',
      has_jmbg: true,
      date_of_birth: '1990-01-01',
      sex: 'female',
      address: '',
      phone: '',
      preferred_language: 'sr-Latn',
      interpreter_needed: false,
      safe_to_contact: true,
      safe_channel: '',
      created_at: '2026-01-01T00:00:00Z',
    };
    const fetchMock = mockApi(jsonResponse(201, { id: 'c9', title: 'Porodica P.', members: [] }), { visible: [known], known_elsewhere: false });
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    const offer = await screen.findByRole('region', { name: 'You already know this person' });
    await waitFor(() => expect(offer).toHaveFocus());
    expect(offer).toHaveTextContent('Milica Petrović');
    expect(offer).toHaveTextContent('•••••••••0008');
    const matchCall = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/v1/people/matches'))!;
    expect(new URL(String(matchCall[0]), 'http://x').searchParams.get('jmbg')).toBe('0101990710008');
    // Nothing is created until the user decides.
    expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Open the case for this person' }));
    await screen.findByText('elsewhere');
    const call = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST')!;
    expect(JSON.parse(call[1]!.body as string)).toEqual({ title: 'Porodica P.', category: 'child_protection', team_id: 't1', subject: { person_id: 'p7' } });
  });

  it('says only that the person may be known to another agency, and lets the user go on', async () => {
    const fetchMock = mockApi(jsonResponse(201, { id: 'c9', title: 'Porodica P.', members: [] }), { visible: [], known_elsewhere: true });
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    const notice = await screen.findByRole('region', { name: 'Possibly known to another agency' });
    expect(notice).toHaveTextContent(/may already be known to another agency/);
    expect(screen.queryByRole('button', { name: 'Open the case for this person' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Go on' }));
    await screen.findByText('elsewhere');
    const call = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST')!;
    expect(JSON.parse(call[1]!.body as string).subject).toEqual({ first_name: 'Milica', last_name: 'Petrović', jmbg: '0101990710008' });
  });
  it('answers person_exists by marking the JMBG and offering the person again; nothing else is sent', async () => {
    const known = {
      id: 'p7', first_name: 'Milica', last_name: 'Petrović', jmbg_masked: '•••••••••0008', has_jmbg: true,
      date_of_birth: '1990-01-01', sex: 'female', address: '', phone: '', preferred_language: 'sr-Latn',
      interpreter_needed: false, safe_to_contact: true, safe_channel: '', created_at: '2026-01-01T00:00:00Z',
    };
    const fetchMock = mockApi(
      jsonResponse(409, { status: 409, code: 'person_exists', detail: 'A person with this JMBG is already in your cases.', existing_id: 'p7' }),
      { visible: [known], known_elsewhere: false },
    );
    renderPage(<NewCasePage />, { path: '/cases/new', route: '/cases/new' });
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Open the case' }));
    await screen.findByRole('region', { name: 'You already know this person' });
    // "A different person" with the same JMBG: the server refuses, and the form says why.
    await userEvent.click(screen.getByRole('button', { name: 'No, this is a different person' }));
    const jmbg = screen.getByLabelText('JMBG');
    await waitFor(() => expect(jmbg).toHaveAttribute('aria-invalid', 'true'));
    expect(jmbg).toHaveAccessibleDescription(/already in your cases/);
    expect(await screen.findByRole('region', { name: 'You already know this person' })).toHaveTextContent('Milica Petrović');
    const posts = fetchMock.mock.calls.filter(([u, i]) => String(u) === '/api/v1/cases' && i?.method === 'POST');
    expect(posts).toHaveLength(1);
  });
});
