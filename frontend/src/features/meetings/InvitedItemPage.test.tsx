import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { InvitedItemPage } from './InvitedItemPage';
import { chairUser, item, mockApi } from './testData';

afterEach(() => vi.restoreAllMocks());

const nurse = { ...chairUser, id: 'u-nurse', username: 'demo.nurse', display_name: 'Jelena Đorđević', roles: ['nurse'] } as typeof chairUser;

describe('InvitedItemPage', () => {
  it('shows the invited item, when and where, and the case’s plan', async () => {
    mockApi((url) =>
      url === '/api/v1/meeting-items/i-babic'
        ? jsonResponse(200, {
            item: item({ id: 'i-babic', case_id: 'c-babic', title: 'Porodica Babić', section: 'new', risk_level: 'very_high' }),
            starts_at: '2099-11-28T09:00:00Z',
            location: 'OJT Kikinda, sala 2',
            status: 'planned',
            group_name: 'Grupa za koordinaciju i saradnju OJT Kikinda',
            plan: { case_id: 'c-babic', version: 1, review_date: null, participation: null, agreement: '', goals: [{ id: 'g1', title: 'Bezbednost Marine i dece', in_own_words: '', status: 'open', actions: [{ id: 'a1', title: 'Pregled kod psihologa', due_date: null, status: 'open' }] }] },
          })
        : undefined,
    );
    renderPage(<InvitedItemPage />, { path: '/meeting-items/:id', route: '/meeting-items/i-babic', me: nurse });
    expect(await screen.findByRole('heading', { level: 1, name: 'Porodica Babić' })).toBeInTheDocument();
    expect(screen.getByText('OJT Kikinda, sala 2')).toBeInTheDocument();
    expect(screen.getByText('New cases')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Bezbednost Marine i dece' })).toBeInTheDocument();
    expect(screen.getByText('Pregled kod psihologa')).toBeInTheDocument();
  });

  it('says the invitation has ended once the meeting is closed (404)', async () => {
    mockApi();
    renderPage(<InvitedItemPage />, { path: '/meeting-items/:id', route: '/meeting-items/i-babic', me: nurse });
    expect(await screen.findByRole('heading', { level: 1, name: 'This invitation has ended' })).toBeInTheDocument();
    expect(screen.getByText(/The meeting is closed or cancelled/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to meetings' })).toHaveAttribute('href', '/meetings');
  });
});
