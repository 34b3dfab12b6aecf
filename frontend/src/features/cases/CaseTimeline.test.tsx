import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import type { Role } from '@/lib/types';
import { jsonResponse } from '@/test/render';
import { CaseLayout } from './CaseLayout';
import { CaseTimeline } from './CaseTimeline';

afterEach(() => vi.restoreAllMocks());

const kase = {
  id: 'c1',
  title: 'Porodica P.',
  category: 'general',
  status: 'open',
  risk_level: 'high',
  team_id: 't1',
  lead_id: 'u1',
  subject: { id: 'p1', first_name: 'Milica', last_name: 'P', jmbg_masked: '•••••••••0008', has_jmbg: true, safe_to_contact: true },
  created_at: '2026-11-20T10:00:00Z',
  closing_reason: null,
  external_refs: null,
  my_basis: 'membership',
  members: [],
  emergency_access: null,
};

const entries = [
  { id: 'e1', case_id: 'c1', author_id: 'u1', author_name: 'Marija', body: 'Visit done', sensitivity: 'general', corrects_id: null, created_at: '2026-11-20T10:00:00Z' },
  { id: 'e2', case_id: 'c1', author_id: 'u2', author_name: 'Jelena', body: 'Blood pressure', sensitivity: 'health', corrects_id: null, created_at: '2026-11-20T11:00:00Z' },
  { id: 'e3', case_id: 'c1', author_id: 'u1', author_name: 'Marija', body: 'Visit done on Tuesday', sensitivity: 'general', corrects_id: 'e1', created_at: '2026-11-20T12:00:00Z' },
];

function renderTimeline(roles: Role[]) {
  void i18n.changeLanguage('en');
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    if (url.startsWith('/api/v1/cases/c1/entries')) return jsonResponse(200, { items: entries, next_cursor: null });
    if (url.startsWith('/api/v1/cases/c1')) return jsonResponse(200, kase);
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  client.setQueryData(['me'], { id: 'u9', display_name: 'Someone', roles, team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' });
  return render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={['/cases/c1/timeline']}>
          <Routes>
            <Route path="/cases/:id" element={<CaseLayout />}>
              <Route path="timeline" element={<CaseTimeline />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
}

const options = () =>
  within(screen.getByLabelText('Who may read it'))
    .getAllByRole('option')
    .map((o) => (o as HTMLOptionElement).value);

describe('CaseTimeline', () => {
  it('marks each entry with who can read it, and links a correction to its original', async () => {
    renderTimeline(['nurse']);
    const health = await screen.findByText('Blood pressure');
    const healthEntry = health.closest('li')!;
    expect(within(healthEntry).getByText('Health: nurses only')).toBeInTheDocument();
    const general = screen.getByText('Visit done').closest('li')!;
    expect(within(general).getByText('General: all members')).toBeInTheDocument();
    const correction = screen.getByText('Visit done on Tuesday').closest('li')!;
    expect(within(correction).getByRole('link', { name: /Correction of entry from/ })).toHaveAttribute('href', '#entry-e1');
  });

  it('offers a nurse only general and health', async () => {
    renderTimeline(['nurse']);
    await screen.findByText('Blood pressure');
    expect(options()).toEqual(['general', 'health']);
  });

  it('offers a police liaison only general and police', async () => {
    renderTimeline(['police_liaison']);
    await screen.findByText('Visit done');
    expect(options()).toEqual(['general', 'police']);
  });

  it('offers a social worker general and social', async () => {
    renderTimeline(['social_worker']);
    await screen.findByText('Visit done');
    expect(options()).toEqual(['general', 'social']);
  });

  it('offers a team lead without another role only general', async () => {
    renderTimeline(['team_lead']);
    await screen.findByText('Visit done');
    expect(options()).toEqual(['general']);
  });
});

describe('NewEntryForm on a domestic-violence case', () => {
  it('records an incident with when it happened (Belgrade time), and asks for the time first', async () => {
    const { default: userEvent } = await import('@testing-library/user-event');
    const { NewEntryForm } = await import('./CaseTimeline');
    void i18n.changeLanguage('en');
    const bodies: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return jsonResponse(201, { ...entries[0], incident_at: '2026-11-23T21:30:00Z' });
    });
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <StatusProvider>
          <NewEntryForm caseId="c1" allowed={['general', 'social']} correcting={null} onCancelCorrection={() => {}} onSaved={() => {}} textareaRef={{ current: null }} incidents />
        </StatusProvider>
      </QueryClientProvider>,
    );
    await userEvent.type(screen.getByLabelText(/^What happened|^Entry|^Text/i), 'Udario je suprugu.');
    await userEvent.click(screen.getByLabelText('This entry records an incident of violence'));
    await userEvent.click(screen.getByRole('button', { name: /Save/ }));
    expect(await screen.findAllByText('Give the date and time of the incident.')).not.toHaveLength(0);
    expect(bodies).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('When did it happen?'), '2026-11-23T22:30');
    await userEvent.click(screen.getByRole('button', { name: /Save/ }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ body: 'Udario je suprugu.', sensitivity: 'general', incident_at: '2026-11-23T21:30:00Z' });
  });
});
