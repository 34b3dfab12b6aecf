import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { ReferForm } from './ReferForm';

afterEach(() => vi.restoreAllMocks());

const me = { id: 'u1', username: 'demo.social', display_name: 'Marija Petrović', agency_id: 'a-csr', roles: ['social_worker'], team_ids: [], language: 'en', must_change_password: false };
const agencies = [
  { id: 'a-sys', name: 'Zajedno', type: 'system', municipality: '' },
  { id: 'a-csr', name: 'CSR Kikinda', type: 'csr', municipality: 'Kikinda' },
  { id: 'a-dz', name: 'Dom zdravlja Kikinda', type: 'health', municipality: 'Kikinda' },
  { id: 'a-ps', name: 'PS Kikinda', type: 'police', municipality: 'Kikinda' },
];
const created = { id: 'r1', to_agency_name: 'Dom zdravlja Kikinda' };

function renderForm(post: (body: Record<string, unknown>) => Response) {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url === '/api/v1/referrals' && init?.method === 'POST') return post(JSON.parse(String(init.body)));
    return jsonResponse(404, { code: 'not_found' });
  });
  void i18n.changeLanguage('en');
  const client = createQueryClient();
  client.setQueryData(['me'], me);
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={['/cases/c1/refer']}>
          <Routes>
            <Route path="/cases/:id/refer" element={<ReferForm />} />
            <Route path="/referrals/:id" element={<p>referral page</p>} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return fetchMock;
}

const posts = (m: ReturnType<typeof renderForm>) => m.mock.calls.filter(([, i]) => i?.method === 'POST');

describe('ReferForm', () => {
  it('offers every agency but the user’s own and the system, and explains each urgency’s response time', async () => {
    renderForm(() => jsonResponse(201, created));
    const select = screen.getByLabelText('Which agency');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Dom zdravlja Kikinda' })).toBeInTheDocument());
    const names = within(select).getAllByRole('option').map((o) => o.textContent);
    expect(names).toEqual(['Choose an agency…', 'Dom zdravlja Kikinda', 'PS Kikinda']);
    expect(screen.getByRole('radio', { name: 'Immediate — answer within 24 hours' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Urgent — answer within 3 days' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Regular — answer within 7 days' })).toBeInTheDocument();
    // The summary is what the receiving agency reads before it accepts, and the hint says so.
    expect(screen.getByLabelText('Summary for the agency (optional)')).toHaveAccessibleDescription(/sees only the reason and this summary, not the case/);
  });

  it('checks agency, urgency and reason before sending, with a summary linking to each field', async () => {
    const fetchMock = renderForm(() => jsonResponse(201, created));
    await userEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose the agency you refer to.' })).toHaveAttribute('href', '#refer-agency');
    expect(within(summary).getByRole('link', { name: 'Choose how urgent it is.' })).toHaveAttribute('href', '#refer-urgency');
    expect(within(summary).getByRole('link', { name: 'Say why you refer.' })).toHaveAttribute('href', '#refer-reason');
    expect(screen.getByLabelText('Which agency')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Why you refer')).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById('refer-urgency')).toHaveAttribute('aria-invalid', 'true');
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it('puts the server’s 422 field errors next to their fields and keeps what was typed', async () => {
    const fetchMock = renderForm(() =>
      jsonResponse(422, {
        status: 422,
        code: 'validation',
        errors: [
          { field: 'to_agency_id', message: 'Refer to another agency than your own.' },
          { field: 'summary', message: 'The summary holds at most 4,000 characters.' },
        ],
      }),
    );
    await waitFor(() => expect(screen.getByRole('option', { name: 'PS Kikinda' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByLabelText('Which agency'), 'a-ps');
    await userEvent.click(screen.getByRole('radio', { name: /^Urgent/ }));
    await userEvent.type(screen.getByLabelText('Why you refer'), 'Risk assessment with the police');
    await userEvent.type(screen.getByLabelText('Summary for the agency (optional)'), 'Two interventions this year.');
    await userEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose an agency other than your own.' })).toHaveAttribute('href', '#refer-agency');
    expect(within(summary).getByRole('link', { name: 'The summary can have at most 4,000 characters.' })).toHaveAttribute('href', '#refer-summary');
    expect(screen.getByLabelText('Which agency')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Summary for the agency (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Why you refer')).toHaveValue('Risk assessment with the police');
    expect(posts(fetchMock)).toHaveLength(1);
  });

  it('words a 403 (emergency access) as a message at the top', async () => {
    renderForm(() => jsonResponse(403, { status: 403, code: 'forbidden', detail: 'Emergency access lets you read the case, not refer it.' }));
    await waitFor(() => expect(screen.getByRole('option', { name: 'PS Kikinda' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByLabelText('Which agency'), 'a-ps');
    await userEvent.click(screen.getByRole('radio', { name: /^Regular/ }));
    await userEvent.type(screen.getByLabelText('Why you refer'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    expect(await screen.findByText('With emergency access you can read the case but not refer it.')).toBeInTheDocument();
  });

  it('sends the referral (no summary when left empty) and opens it', async () => {
    const bodies: Record<string, unknown>[] = [];
    renderForm((b) => {
      bodies.push(b);
      return jsonResponse(201, created);
    });
    await waitFor(() => expect(screen.getByRole('option', { name: 'Dom zdravlja Kikinda' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByLabelText('Which agency'), 'a-dz');
    await userEvent.click(screen.getByRole('radio', { name: /^Immediate/ }));
    await userEvent.type(screen.getByLabelText('Why you refer'), '  Health check for an elderly woman  ');
    await userEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    expect(await screen.findByText('referral page')).toBeInTheDocument();
    expect(bodies).toEqual([{ case_id: 'c1', to_agency_id: 'a-dz', urgency: 'immediate', reason: 'Health check for an elderly woman' }]);
  });
});
