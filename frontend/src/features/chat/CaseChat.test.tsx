import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import type { Role } from '@/lib/types';
import { RealtimeSocket } from '@/lib/socket';
import { FakeSocket } from '@/test/fakeSocket';
import { jsonResponse } from '@/test/render';
import { CaseChat } from './CaseChat';
import { ChatSocket, setChatSocket } from './socket';
import type { Message } from './types';

/** The server end of the chat's websocket, played by the test. */
class ChatServer extends FakeSocket {
  override receive(frame: unknown) {
    act(() => super.receive(frame));
  }
}

const ME = 'u-social';
const NURSE = 'u-nurse';

const kase = {
  id: 'c1',
  title: 'Porodica P.',
  category: 'general',
  status: 'active',
  risk_level: 'medium',
  team_id: 't1',
  lead_id: ME,
  subject: null,
  created_at: '2026-11-20T10:00:00Z',
  closing_reason: null,
  external_refs: null,
  my_basis: 'membership',
  members: [
    { user_id: ME, display_name: 'Marija Social', agency_id: 'a1', roles: ['social_worker'], basis: 'membership', added_at: '2026-11-20T10:00:00Z' },
    { user_id: NURSE, display_name: 'Jelena Nurse', agency_id: 'a2', roles: ['nurse'], basis: 'membership', added_at: '2026-11-20T10:00:00Z' },
    { user_id: 'u-police', display_name: 'Petar Police', agency_id: 'a3', roles: ['police_liaison'], basis: 'membership', added_at: '2026-11-20T10:00:00Z' },
  ],
  emergency_access: null,
};

function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    case_id: 'c1',
    seq,
    author_id: NURSE,
    author_name: 'Jelena Nurse',
    body: `Poruka ${seq}`,
    sensitivity: 'general',
    reply_to: null,
    client_id: null,
    attachment_id: null,
    mentions: [],
    version: 1,
    created_at: '2026-11-20T09:15:00Z',
    edited_at: null,
    deleted_at: null,
    ...over,
  };
}

const history: Message[] = [
  message(1, { body: 'Dete je vakcinisano', created_at: '2026-11-19T08:00:00Z' }),
  message(2, { author_id: ME, author_name: 'Marija Social', body: 'Hvala, javiću školi', created_at: '2026-11-20T09:00:00Z' }),
  message(3, { body: 'Pritisak 180/110', sensitivity: 'social', created_at: '2026-11-20T09:05:00Z' }),
];

let ws: ChatServer;
let connection: RealtimeSocket;

function renderChat(roles: Role[] = ['social_worker']) {
  void i18n.changeLanguage('en');
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.startsWith('/api/v1/cases/c1/messages/reads')) return jsonResponse(200, { items: [{ user_id: NURSE, display_name: 'Jelena Nurse', last_seq: 2, at: '2026-11-20T09:10:00Z' }], next_cursor: null });
    if (url.startsWith('/api/v1/cases/c1/messages')) return jsonResponse(200, { items: history, next_cursor: null });
    if (url.startsWith('/api/v1/cases?')) return jsonResponse(200, { items: [], next_cursor: null });
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  const me = { id: ME, display_name: 'Marija Social', roles, team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' };
  client.setQueryData(['me'], me);
  const utils = render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={['/cases/c1/chat']}>
          <Routes>
            <Route path="/cases/:id" element={<Outlet context={{ kase, me }} />}>
              <Route path="chat" element={<CaseChat />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return { ...utils, client };
}

/** The history is on screen and the socket has subscribed after its last message. */
async function ready() {
  await screen.findByText('Dete je vakcinisano');
  await screen.findByText('Seen by Jelena Nurse');
  await waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(0));
  ws = FakeSocket.last() as ChatServer;
  ws.readyState = 1;
  ws.receive({ type: 'hello', user_id: ME });
  expect(ws.ofType('subscribe')).toEqual([{ type: 'subscribe', case_id: 'c1', after: 'm3' }]);
  ws.receive({ type: 'subscribed', case_id: 'c1' });
}

const log = () => screen.getByRole('log', { name: 'Messages' });
const announcer = () => screen.getByTestId('chat-announcer');

beforeEach(() => {
  FakeSocket.all = [];
  sessionStorage.clear();
  connection = new RealtimeSocket({ url: 'ws://test', connect: () => new ChatServer() });
  setChatSocket(new ChatSocket({ socket: connection, storage: sessionStorage }));
});
afterEach(() => {
  cleanup();
  setChatSocket(null);
  connection.dispose();
  vi.restoreAllMocks();
});

describe('CaseChat', () => {
  it('shows the history by day, with author, time, own messages as "You" and the sensitivity mark', async () => {
    renderChat();
    await ready();
    const days = within(log()).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(days).toEqual(['Thursday 19 November', 'Friday 20 November']);
    const own = screen.getByText('Hvala, javiću školi').closest('li')!;
    expect(within(own).getByText('You')).toBeInTheDocument();
    expect(own).toHaveClass('chat-msg--own');
    expect(within(own).getByText('10:00')).toHaveAttribute('datetime', '2026-11-20T09:00:00Z');
    const other = screen.getByText('Dete je vakcinisano').closest('li')!;
    expect(within(other).getByText('Jelena Nurse')).toBeInTheDocument();
    const social = screen.getByText('Pritisak 180/110').closest('li')!;
    expect(within(social).getByText('Social: social and care workers only')).toBeInTheDocument();
    // Seen by: the nurse has read up to the user's last message.
    expect(within(own).getByText('Seen by Jelena Nurse')).toBeInTheDocument();
    // Nothing of the history is announced.
    expect(announcer()).toBeEmptyDOMElement();
    // Reading: the newest message is marked read once shown.
    await waitFor(() => expect(ws.ofType('read')).toEqual([{ type: 'read', case_id: 'c1', message_id: 'm3' }]));
  });

  it('sends with Enter (Shift+Enter is a new line), shows it as sending, then as stored on the ack', async () => {
    const user = userEvent.setup();
    renderChat();
    await ready();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Idem sutra{Shift>}{Enter}{/Shift}u 9');
    expect(box).toHaveValue('Idem sutra\nu 9');
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('');
    const [frame] = ws.ofType('send');
    expect(frame).toMatchObject({ type: 'send', case_id: 'c1', body: 'Idem sutra\nu 9', sensitivity: 'general' });
    const pending = screen.getByRole('list', { name: 'Messages not sent yet' });
    expect(within(pending).getByText('Sending…')).toBeInTheDocument();
    ws.receive({ type: 'ack', client_id: frame!.client_id, message: message(4, { author_id: ME, author_name: 'Marija Social', body: 'Idem sutra\nu 9', client_id: String(frame!.client_id) }) });
    expect(screen.queryByRole('list', { name: 'Messages not sent yet' })).not.toBeInTheDocument();
    const stored = within(log()).getByText((_, el) => el?.textContent === 'Idem sutra\nu 9' && el.tagName === 'P');
    expect(within(stored.closest('li')!).getByText('You')).toBeInTheDocument();
    // The user's own message is never announced.
    expect(announcer()).toBeEmptyDOMElement();
  });

  it('shows a refused send with the reason, and retries it with the same client_id', async () => {
    const user = userEvent.setup();
    renderChat();
    await ready();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Za policiju{Enter}');
    const [frame] = ws.ofType('send');
    ws.receive({
      type: 'error',
      case_id: 'c1',
      client_id: frame!.client_id,
      status: 422,
      code: 'validation',
      detail: 'Check the fields.',
      errors: [{ field: 'sensitivity', message: 'You cannot mark a message with a sensitivity your own role may not read.' }],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not sent. Your role may not mark a message this way.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    const sends = ws.ofType('send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.client_id).toBe(frame!.client_id);
    expect(screen.getByText('Sending…')).toBeInTheDocument();
  });

  it('announces new messages from others in the live region, not the user\'s own', async () => {
    renderChat();
    await ready();
    const live = announcer();
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(log()).toHaveAttribute('aria-live', 'off');
    ws.receive({ type: 'message', message: message(4, { author_id: ME, author_name: 'Marija Social', body: 'Moja poruka' }) });
    ws.receive({ type: 'message', message: message(5, { body: 'Stižem za pola sata' }) });
    expect(await within(log()).findByText('Stižem za pola sata')).toBeInTheDocument();
    expect(live).toHaveTextContent('Jelena Nurse: Stižem za pola sata');
    expect(live).not.toHaveTextContent('Moja poruka');
    // The same message again (a resumed backlog) is shown and announced once.
    ws.receive({ type: 'message', message: message(5, { body: 'Stižem za pola sata' }) });
    expect(within(log()).getAllByText('Stižem za pola sata')).toHaveLength(1);
    expect(within(live).getAllByText(/Stižem/)).toHaveLength(1);
  });

  it('shows typing, presence, edits and deletions live', async () => {
    renderChat();
    await ready();
    ws.receive({ type: 'presence', case_id: 'c1', user_ids: [ME, NURSE] });
    expect(screen.getByText('Here now: Jelena Nurse')).toBeInTheDocument();
    ws.receive({ type: 'typing', case_id: 'c1', user_id: NURSE });
    expect(screen.getByText('Jelena Nurse is typing…')).toBeInTheDocument();
    ws.receive({ type: 'update', message: message(1, { body: 'Dete je vakcinisano (ispravka)', version: 2, edited_at: '2026-11-20T10:00:00Z' }) });
    expect(await screen.findByText('Dete je vakcinisano (ispravka)')).toBeInTheDocument();
    expect(screen.getByText('(edited)')).toBeInTheDocument();
    ws.receive({ type: 'update', message: message(3, { body: '', version: 2, deleted_at: '2026-11-20T10:00:00Z' }) });
    expect(await screen.findByText('Message deleted')).toBeInTheDocument();
    expect(screen.queryByText('Pritisak 180/110')).not.toBeInTheDocument();
  });

  it('offers @mentions of members who may read the message, and sends their ids', async () => {
    const user = userEvent.setup();
    renderChat();
    await ready();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Molim @jel');
    const list = screen.getByRole('listbox', { name: 'Members of the case' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Jelena Nurse']);
    expect(box).toHaveAttribute('aria-activedescendant', within(list).getByRole('option').id);
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('Molim @Jelena Nurse ');
    await user.type(box, 'pogledaj{Enter}');
    expect(ws.ofType('send')[0]).toMatchObject({ body: 'Molim @Jelena Nurse pogledaj', mentions: [NURSE] });
    // A social message cannot mention the police liaison, who may not read it.
    await user.selectOptions(screen.getByLabelText('Who may read it'), 'social');
    await user.type(box, '@pet');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('offers only the sensitivities the user may read', async () => {
    renderChat(['nurse']);
    await ready();
    const options = within(screen.getByLabelText('Who may read it'))
      .getAllByRole('option')
      .map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['general', 'health']);
  });

  it('says so when access to the case ends, and closes the composer', async () => {
    renderChat();
    await ready();
    ws.receive({ type: 'error', case_id: 'c1', status: 404, code: 'access_ended', detail: 'You no longer have access to this case, so its chat has closed for you.' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This chat has closed');
    expect(screen.queryByRole('textbox', { name: 'Message' })).not.toBeInTheDocument();
    // What was loaded is gone too.
    expect(screen.queryByText('Dete je vakcinisano')).not.toBeInTheDocument();
  });

  it('shows the offline banner and queues what is sent meanwhile', async () => {
    const user = userEvent.setup();
    renderChat();
    await ready();
    act(() => ws.onclose?.({ code: 1006 } as CloseEvent));
    expect(screen.getByText('Offline — reconnecting…')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Kad se vrati veza{Enter}');
    expect(screen.getByText('Not sent yet — it goes out when the connection is back.')).toBeInTheDocument();
    expect(JSON.parse(sessionStorage.getItem('zajedno.chat.outbox')!)).toMatchObject([{ body: 'Kad se vrati veza', case_id: 'c1' }]);
  });
});
