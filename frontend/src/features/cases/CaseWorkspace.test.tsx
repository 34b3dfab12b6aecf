import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { CaseLayout } from './CaseLayout';
import { CaseMembers } from './CaseMembers';
import { CasePlan } from './CasePlan';

afterEach(() => vi.restoreAllMocks());

const member = (user_id: string, display_name: string, roles: string[]) => ({ user_id, display_name, agency_id: 'a1', roles, basis: 'membership', added_at: '2026-11-20T10:00:00Z' });
const baseCase = {
  id: 'c1', title: 'Porodica P.', category: 'general', status: 'open', risk_level: 'low', team_id: 't1', lead_id: 'u1',
  subject: null, created_at: '2026-11-20T10:00:00Z', closing_reason: null, external_refs: null, my_basis: 'membership',
  members: [member('u1', 'Marija', ['social_worker', 'team_lead']), member('u2', 'Jelena', ['nurse'])],
  emergency_access: null,
};
const goal = { id: 'g1', title: 'Safe housing', in_own_words: 'I want my children to sleep safe', status: 'open', created_by: 'u1', created_at: '2026-11-20T10:00:00Z', actions: [] };
const basePlan = { case_id: 'c1', version: 1, review_date: null, participation: 'took_part', agreement: '', goals: [goal] };

type Call = { url: string; method: string; body: unknown };
type Answer = (url: string, method: string, body: unknown) => Response | undefined;

/** The workspace at a route, against a small in-memory server: PATCH of a goal and DELETE of a member change what later GETs answer. */
function setup(route: string, { kase = baseCase, answer }: { kase?: typeof baseCase; answer?: Answer } = {}) {
  void i18n.changeLanguage('en');
  const calls: Call[] = [];
  let theCase = structuredClone(kase);
  let plan = structuredClone(basePlan);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ url, method, body });
    const special = answer?.(url, method, body);
    if (special) return special;
    if (method === 'PATCH' && url === '/api/v1/plan/goals/g1') {
      plan = { ...plan, version: plan.version + 1, goals: plan.goals.map((g) => (g.id === 'g1' ? { ...g, ...body } : g)) };
      return jsonResponse(200, plan);
    }
    if (method === 'DELETE' && url.startsWith('/api/v1/cases/c1/members/')) {
      const id = url.split('/').pop();
      theCase = { ...theCase, members: theCase.members.filter((m) => m.user_id !== id) };
      return new Response(null, { status: 204 });
    }
    if (url.startsWith('/api/v1/cases/c1/plan')) return jsonResponse(200, plan);
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: [{ id: 'a1', name: 'Centar za socijalni rad' }], next_cursor: null });
    if (url.startsWith('/api/v1/teams')) return jsonResponse(200, { items: [{ id: 't1', name: 'Kikinda', members: [] }], next_cursor: null });
    if (url.startsWith('/api/v1/cases/c1')) return jsonResponse(200, theCase);
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  client.setQueryData(['me'], { id: 'u1', display_name: 'Marija', roles: ['social_worker', 'team_lead'], team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' });
  const view = render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path="/cases/:id" element={<CaseLayout />}>
              <Route path="plan" element={<CasePlan />} />
              <Route path="members" element={<CaseMembers />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return { calls, view };
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');
const liveRegion = () => screen.getByTestId('live-region');
/** A button's words plus the visually hidden "— whom" that tells same-named buttons apart. */
const forWhom = (words: string, whom: string) => new RegExp(`^${words}\\s*—\\s*${whom}$`);

describe('CasePlan: changing a goal', () => {
  it('changes the title and the own words inline, then gives focus back to the button', async () => {
    const { calls } = setup('/cases/c1/plan');
    const user = userEvent.setup();
    const edit = await screen.findByRole('button', { name: forWhom('Change the goal', 'Safe housing') });
    await user.click(edit);

    const form = screen.getByRole('form', { name: 'Change the goal: Safe housing' });
    const title = within(form).getByLabelText(/Short title of the goal/);
    expect(title).toHaveFocus();
    expect(title).toHaveValue('Safe housing');
    const words = within(form).getByLabelText(/The goal in the person's own words/);
    expect(words).toHaveValue('I want my children to sleep safe');

    await user.clear(title);
    await user.type(title, 'A safe home');
    await user.clear(words);
    await user.type(words, 'A home where we sleep safe');
    await user.click(within(form).getByRole('button', { name: 'Save the goal' }));

    expect(await screen.findByRole('heading', { name: 'A safe home' })).toBeInTheDocument();
    expect(writes(calls)).toEqual([{ url: '/api/v1/plan/goals/g1', method: 'PATCH', body: { title: 'A safe home', in_own_words: 'A home where we sleep safe' } }]);
    expect(screen.queryByRole('form', { name: /Change the goal/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: forWhom('Change the goal', 'A safe home') })).toHaveFocus();
    await vi.waitFor(() => expect(liveRegion()).toHaveTextContent('The goal is saved.'));
  });

  it('sends only what changed', async () => {
    const { calls } = setup('/cases/c1/plan');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Change the goal/ }));
    const title = screen.getByLabelText(/Short title of the goal/);
    await user.clear(title);
    await user.type(title, 'Housing');
    await user.click(screen.getByRole('button', { name: 'Save the goal' }));
    await screen.findByRole('heading', { name: 'Housing' });
    expect(writes(calls).map((c) => c.body)).toEqual([{ title: 'Housing' }]);
  });

  it('maps 422 errors for title and in_own_words to their fields, keeping what was typed', async () => {
    const { calls } = setup('/cases/c1/plan', {
      answer: (url, method) =>
        method === 'PATCH' && url === '/api/v1/plan/goals/g1'
          ? jsonResponse(422, {
              code: 'validation',
              status: 422,
              errors: [
                { field: 'title', message: 'Use at most 200 characters.' },
                { field: 'in_own_words', message: 'Use at most 2,000 characters.' },
              ],
            })
          : undefined,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Change the goal/ }));
    const title = screen.getByLabelText(/Short title of the goal/);
    const words = screen.getByLabelText(/The goal in the person's own words/);
    await user.type(title, ' now');
    await user.type(words, ' always');
    await user.click(screen.getByRole('button', { name: 'Save the goal' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Give the goal a short title, up to 200 characters.' })).toHaveAttribute('href', '#goal-g1-edit-title');
    expect(within(summary).getByRole('link', { name: "The person's words can be at most 2,000 characters." })).toHaveAttribute('href', '#goal-g1-edit-words');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription(/up to 200 characters/);
    expect(words).toHaveAttribute('aria-invalid', 'true');
    expect(words).toHaveAccessibleDescription(/at most 2,000 characters/);
    expect(title).toHaveValue('Safe housing now');
    expect(writes(calls)).toHaveLength(1);
  });

  it('asks for a title before sending anything', async () => {
    const { calls } = setup('/cases/c1/plan');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Change the goal/ }));
    await user.clear(screen.getByLabelText(/Short title of the goal/));
    await user.click(screen.getByRole('button', { name: 'Save the goal' }));
    expect(await screen.findAllByText('Give the goal a short title.')).not.toHaveLength(0);
    expect(writes(calls)).toEqual([]);
  });

  it('cancel sends nothing and gives focus back to the button', async () => {
    const { calls } = setup('/cases/c1/plan');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Change the goal/ }));
    await user.type(screen.getByLabelText(/Short title of the goal/), ' (draft)');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { name: 'Safe housing' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: forWhom('Change the goal', 'Safe housing') })).toHaveFocus();
    expect(writes(calls)).toEqual([]);
  });

  it('offers no change under emergency access, which may read the plan only', async () => {
    setup('/cases/c1/plan', { kase: { ...baseCase, my_basis: 'emergency' } });
    expect(await screen.findByRole('heading', { name: 'Safe housing' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Change the goal/ })).not.toBeInTheDocument();
  });
});

describe('CaseMembers: removing a member', () => {
  it('asks first; cancel (or Escape) keeps the member and gives focus back', async () => {
    const { calls } = setup('/cases/c1/members');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: forWhom('Remove', 'Jelena') }));

    const confirm = screen.getByRole('group', { name: 'Remove Jelena from the case?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(within(confirm).getByText(/no longer be able to open the case/)).toBeInTheDocument();
    expect(writes(calls)).toEqual([]);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Remove Jelena/ })).not.toBeInTheDocument();
    expect(screen.getByText('Jelena')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: forWhom('Remove', 'Jelena') })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: forWhom('Remove', 'Jelena') }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: /Remove Jelena/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: forWhom('Remove', 'Jelena') })).toHaveFocus();
    expect(writes(calls)).toEqual([]);
  });

  it('confirming removes the member, announces it and moves focus to the list heading', async () => {
    const { calls } = setup('/cases/c1/members');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: forWhom('Remove', 'Jelena') }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));

    expect(await screen.findByRole('heading', { name: '1 member' })).toHaveFocus();
    expect(screen.queryByText('Jelena')).not.toBeInTheDocument();
    expect(writes(calls)).toEqual([{ url: '/api/v1/cases/c1/members/u2', method: 'DELETE', body: undefined }]);
    await vi.waitFor(() => expect(liveRegion()).toHaveTextContent('Jelena: removed from the case.'));
  });

  it('says why when the server refuses, and keeps the member', async () => {
    setup('/cases/c1/members', { answer: (_url, method) => (method === 'DELETE' ? jsonResponse(403, { code: 'forbidden', status: 403 }) : undefined) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: forWhom('Remove', 'Jelena') }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(await screen.findByText('Only the case lead changes the members.')).toBeInTheDocument();
    expect(screen.getByText('Jelena')).toBeInTheDocument();
  });
});
