import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { MeetingPage } from './MeetingPage';
import { chairUser, detail, mockApi, writes } from './testData';

afterEach(() => vi.restoreAllMocks());

const police = { ...chairUser, id: 'u-police', username: 'demo.police', display_name: 'Milan Jovanović', agency_id: 'a-ps', roles: ['police_liaison'] } as typeof chairUser;

const planned = detail({
  status: 'planned',
  my_role: 'member',
  preparation: [
    { kind: 'police_table', due_at: '2099-11-27T09:00:00Z', submitted_at: null, submitted_by_name: null, body: null, late: false },
    { kind: 'csr_table', due_at: '2099-11-27T09:00:00Z', submitted_at: '2099-11-26T15:00:00Z', submitted_by_name: 'Marija Petrović', body: 'Jović: majka sa decom kod roditelja.', late: false },
    { kind: 'registry_check', due_at: '2099-11-27T14:00:00Z', submitted_at: null, submitted_by_name: null, body: null, late: true },
  ],
});

describe('PreparationBoard', () => {
  it('shows what arrived and what is missing, and lets a police member send the police table only', async () => {
    const fetchMock = mockApi((url, init) => {
      if (url === '/api/v1/meetings/m1' && init?.method === 'GET') return jsonResponse(200, planned);
      if (url === '/api/v1/meetings/m1/preparation/police_table' && init?.method === 'PUT') return jsonResponse(200, { items: planned.preparation });
      return undefined;
    });
    renderPage(<MeetingPage />, { path: '/meetings/:id', route: '/meetings/m1', me: police });
    const prep = await screen.findByRole('region', { name: 'Preparation' });
    expect(within(prep).getByText('2 parts have not arrived yet.')).toBeInTheDocument();
    const cards = within(prep).getAllByRole('listitem');
    expect(cards[0]).toHaveTextContent('Not arrived yet');
    expect(cards[1]).toHaveTextContent('Arrived');
    expect(cards[1]).toHaveTextContent('Sent by Marija Petrović');
    expect(cards[2]).toHaveTextContent('Missing — late');
    // A member sees the agenda but does not change it, and starts nothing.
    expect(screen.queryByRole('button', { name: 'Start the meeting' })).not.toBeInTheDocument();
    await waitFor(() => expect(within(cards[0]!).getByRole('textbox', { name: 'Your part' })).toBeInTheDocument());
    expect(within(cards[1]!).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(cards[2]!).queryByRole('textbox')).not.toBeInTheDocument();

    await userEvent.click(within(cards[0]!).getByRole('button', { name: 'Send' }));
    expect(within(cards[0]!).getByRole('link', { name: 'Write the table before you send it.' })).toBeInTheDocument();
    await userEvent.type(within(cards[0]!).getByRole('textbox', { name: 'Your part' }), 'Babić: intervencija 18.11, mera udaljenja.');
    await userEvent.click(within(cards[0]!).getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(writes(fetchMock)).toEqual([{ url: '/api/v1/meetings/m1/preparation/police_table', method: 'PUT', body: { body: 'Babić: intervencija 18.11, mera udaljenja.' } }]),
    );
    expect(await within(cards[0]!).findByText('Sent. The group sees it now.')).toBeInTheDocument();
  });
});
