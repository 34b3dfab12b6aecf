import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { ChangePasswordPage } from './ChangePasswordPage';

afterEach(() => vi.restoreAllMocks());

describe('ChangePasswordPage', () => {
  it('asks for at least 12 characters before calling the server', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(401, { status: 401, code: 'unauthenticated' }));
    renderPage(<ChangePasswordPage />, { path: '/change-password', route: '/change-password' });
    await userEvent.type(screen.getByLabelText('Current password'), 'old password');
    await userEvent.type(screen.getByLabelText('New password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('link', { name: 'The new password must have at least 12 characters' })).toHaveAttribute('href', '#new-password');
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock.mock.calls.filter(([u]) => String(u).includes('/me/password'))).toHaveLength(0);
  });

  it('puts a wrong current password next to that field', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) =>
      String(input).includes('/me/password')
        ? jsonResponse(422, { status: 422, code: 'validation', errors: [{ field: 'current_password', message: 'The password is not right.' }] })
        : jsonResponse(401, { status: 401, code: 'unauthenticated' }),
    );
    renderPage(<ChangePasswordPage />, { path: '/change-password', route: '/change-password' });
    await userEvent.type(screen.getByLabelText('Current password'), 'wrong password');
    await userEvent.type(screen.getByLabelText('New password'), 'a much longer password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    const current = screen.getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(current).toHaveAccessibleDescription(/The current password is not right/);
    expect(screen.getByLabelText('New password')).toHaveValue('a much longer password');
  });
});
