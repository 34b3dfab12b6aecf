import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { LoginPage } from './LoginPage';

afterEach(() => vi.restoreAllMocks());

const user = {
  id: 'u1',
  username: 'ana',
  display_name: 'Ana',
  agency_id: 'a1',
  roles: ['social_worker'],
  team_ids: [],
  active: true,
  mfa_enabled: true,
  must_change_password: false,
  language: 'en',
  created_at: '2025-01-01T00:00:00Z',
  deactivated_at: null,
};

describe('LoginPage', () => {
  it('checks empty fields before calling the server, with a summary linking to each field', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderPage(<LoginPage />, { path: '/login', route: '/login' });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(screen.getByRole('link', { name: 'Enter your username' })).toHaveAttribute('href', '#username');
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows field errors from a 422 next to the fields and keeps what was typed', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse(422, { status: 422, code: 'validation', title: 'Invalid', errors: [{ field: 'username', message: 'Username has invalid characters.' }] }),
    );
    renderPage(<LoginPage />, { path: '/login', route: '/login' });
    await userEvent.type(screen.getByLabelText('Username'), 'bad name!');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const input = screen.getByLabelText('Username');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/Username has invalid characters\./);
    expect(screen.getByRole('link', { name: 'Username has invalid characters.' })).toHaveAttribute('href', '#username');
    expect(input).toHaveValue('bad name!');
  });

  it('says to wait 15 minutes after too many attempts', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(429, { status: 429, code: 'too_many_requests' }));
    renderPage(<LoginPage />, { path: '/login', route: '/login' });
    await userEvent.type(screen.getByLabelText('Username'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wait 15 minutes');
  });

  it('asks for the security code on mfa_required and sends it with the password', async () => {
    const fetchMock = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(401, { status: 401, code: 'mfa_required', mfa_required: true }))
      .mockResolvedValueOnce(jsonResponse(200, { token: 't', csrf_token: 'c', user }));
    renderPage(<LoginPage />, { path: '/login', route: '/login' });
    await userEvent.type(screen.getByLabelText('Username'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Enter your security code' })).toBeInTheDocument();
    const code = screen.getByLabelText('Security code');
    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('elsewhere');
    const body = JSON.parse(fetchMock.mock.calls[1]![1]!.body as string);
    expect(body).toEqual({ username: 'ana', password: 'secret', totp_code: '123456' });
  });

  it('says plainly when the name or password is wrong', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(401, { status: 401, code: 'unauthenticated' }));
    renderPage(<LoginPage />, { path: '/login', route: '/login' });
    await userEvent.type(screen.getByLabelText('Username'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The username or password is not right');
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });
});
