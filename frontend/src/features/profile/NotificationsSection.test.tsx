import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { MailboxPage } from './MailboxPage';
import { NotificationsSection } from './NotificationsSection';

afterEach(() => vi.restoreAllMocks());

const prefs = { email: 'ana@primer.rs', email_enabled: true, push_enabled: false, quiet_from: '22:00', quiet_to: '07:00', time_zone: 'Europe/Belgrade' };

function mockApi({ put, mailbox }: { put?: (body: unknown) => Response; mailbox?: () => Response }) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url === '/api/v1/me/notifications' && init?.method === 'PUT') return put ? put(JSON.parse(String(init.body))) : jsonResponse(500, {});
    if (url === '/api/v1/me/notifications') return jsonResponse(200, prefs);
    if (url === '/api/v1/me/mailbox') return mailbox ? mailbox() : jsonResponse(404, { code: 'not_found' });
    return jsonResponse(404, { code: 'not_found' });
  });
}

describe('NotificationsSection', () => {
  it('shows the choices, says what the messages hold, and saves every field', async () => {
    const fetchMock = mockApi({ put: (b) => jsonResponse(200, b) });
    renderPage(<NotificationsSection />);
    expect(await screen.findByLabelText('Email address')).toHaveValue('ana@primer.rs');
    expect(screen.getByText(/carry no personal data/)).toBeInTheDocument();
    expect(screen.getByText(/Urgent alerts .* ignore quiet hours/)).toBeInTheDocument();
    expect(screen.getByLabelText('Emails')).toBeChecked();
    expect(screen.getByLabelText(/^Push notifications/)).not.toBeChecked();
    await userEvent.click(screen.getByLabelText(/^Push notifications/));
    await userEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u, i]) => String(u) === '/api/v1/me/notifications' && i?.method === 'PUT')).toBe(true));
    const put = fetchMock.mock.calls.find(([u, i]) => String(u) === '/api/v1/me/notifications' && i?.method === 'PUT')!;
    expect(JSON.parse(String(put[1]!.body))).toEqual({ ...prefs, push_enabled: true });
    // The server keeps no mailbox (404): no link to it.
    expect(screen.queryByRole('link', { name: /Test mailbox/ })).toBeNull();
  });

  it('sends null for no quiet hours, and asks for both ends before sending', async () => {
    const fetchMock = mockApi({ put: (b) => jsonResponse(200, b) });
    renderPage(<NotificationsSection />);
    const from = await screen.findByLabelText('From');
    fireEvent.change(from, { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give both ends of the quiet hours, or neither.');
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(true));
    const put = fetchMock.mock.calls.find(([, i]) => i?.method === 'PUT')!;
    expect(JSON.parse(String(put[1]!.body))).toMatchObject({ quiet_from: null, quiet_to: null });
  });

  it("maps the server's 422 to the fields", async () => {
    mockApi({
      put: () =>
        jsonResponse(422, {
          code: 'validation',
          errors: [
            { field: 'email', message: 'Give an email address such as ime@primer.rs, or none.' },
            { field: 'time_zone', message: 'Give a time zone such as Europe/Belgrade.' },
          ],
        }),
    });
    renderPage(<NotificationsSection />);
    await screen.findByLabelText('Email address');
    await userEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await waitFor(() => expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription(/ime@primer\.rs, or none/);
    expect(screen.getByLabelText('Time zone')).toHaveAttribute('aria-invalid', 'true');
  });

  it('links to the test mailbox only when the server keeps one', async () => {
    mockApi({ mailbox: () => jsonResponse(200, { items: [{ id: 'm1', to: 'ana@primer.rs', subject: 'Zajedno: a new alert', body: 'You have a new alert.', at: '2026-11-23T10:00:00Z' }], next_cursor: null }) });
    renderPage(<NotificationsSection />);
    expect(await screen.findByRole('link', { name: /Test mailbox: 1 email/ })).toHaveAttribute('href', '/mailbox');
  });
});

describe('MailboxPage', () => {
  it('lists the kept emails', async () => {
    mockApi({ mailbox: () => jsonResponse(200, { items: [{ id: 'm1', to: 'ana@primer.rs', subject: 'Zajedno: a new alert', body: 'You have a new alert in Zajedno (mention).', at: '2026-11-23T10:00:00Z' }], next_cursor: null }) });
    renderPage(<MailboxPage />, { path: '/mailbox', route: '/mailbox' });
    expect(await screen.findByRole('heading', { name: 'Zajedno: a new alert' })).toBeInTheDocument();
    expect(screen.getByText('You have a new alert in Zajedno (mention).')).toBeInTheDocument();
    expect(screen.getByText(/to ana@primer\.rs/)).toBeInTheDocument();
  });

  it('says the server sends real email when there is no mailbox (404)', async () => {
    mockApi({});
    renderPage(<MailboxPage />, { path: '/mailbox', route: '/mailbox' });
    expect(await screen.findByText(/This server sends real email/)).toBeInTheDocument();
  });
});
