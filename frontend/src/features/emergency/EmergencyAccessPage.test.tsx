import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { EmergencyAccessPage } from './EmergencyAccessPage';

afterEach(() => vi.restoreAllMocks());

const route = { path: '/cases/:id/emergency-access', route: '/cases/c1/emergency-access' };

describe('EmergencyAccessPage', () => {
  it('asks for a reason before calling the server', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderPage(<EmergencyAccessPage />, route);
    expect(screen.getByText(/Every view is logged/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request emergency access' }));
    expect(screen.getByLabelText('Why you need access urgently')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts a 422 on reason next to the field', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(422, { status: 422, code: 'validation', errors: [{ field: 'reason', message: 'Enter a reason.' }] }));
    renderPage(<EmergencyAccessPage />, route);
    await userEvent.type(screen.getByLabelText('Why you need access urgently'), '   x');
    await userEvent.click(screen.getByRole('button', { name: 'Request emergency access' }));
    const reason = screen.getByLabelText('Why you need access urgently');
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByRole('alert').querySelector('a[href="#reason"]')).not.toBeNull();
  });

  it('sends the reason and opens the case', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(201, { id: 'g1', expires_at: '2026-11-23T23:00:00Z' }));
    renderPage(<EmergencyAccessPage />, route);
    await userEvent.type(screen.getByLabelText('Why you need access urgently'), 'Child in danger');
    await userEvent.click(screen.getByRole('button', { name: 'Request emergency access' }));
    await screen.findByText('elsewhere');
    expect(String(fetchMock.mock.calls[0]![0])).toBe('/api/v1/cases/c1/emergency-access');
    expect(JSON.parse(fetchMock.mock.calls[0]![1]!.body as string)).toEqual({ reason: 'Child in danger' });
  });

  it('says which conflict it is: a member already, or the perpetrator wall', async () => {
    vi.spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(jsonResponse(409, { status: 409, code: 'wall', detail: 'A wall separates this case…' }))
      .mockResolvedValueOnce(jsonResponse(409, { status: 409, code: 'conflict' }));
    const first = renderPage(<EmergencyAccessPage />, route);
    await userEvent.type(screen.getByLabelText('Why you need access urgently'), 'Urgent');
    await userEvent.click(screen.getByRole('button', { name: 'Request emergency access' }));
    expect(await screen.findByText(/walled off from this one/)).toBeInTheDocument();
    first.unmount();
    renderPage(<EmergencyAccessPage />, route);
    await userEvent.type(screen.getByLabelText('Why you need access urgently'), 'Urgent');
    await userEvent.click(screen.getByRole('button', { name: 'Request emergency access' }));
    expect(await screen.findByText(/already a member of this case/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the case' })).toHaveAttribute('href', '/cases/c1');
  });
});
