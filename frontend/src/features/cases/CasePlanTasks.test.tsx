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
import { CaseOverview } from './CaseOverview';
import { CasePeople } from './CasePeople';
import { CasePlan } from './CasePlan';
import { CaseTasks } from './CaseTasks';
import { MyTasksPage } from './MyTasksPage';
import { sortTasks } from './taskBits';

afterEach(() => vi.restoreAllMocks());

const kase = {
  id: 'c1', title: 'Porodica P.', category: 'general', status: 'open', risk_level: 'low', team_id: 't1', lead_id: 'u1',
  subject: null, created_at: '2026-11-20T10:00:00Z', closing_reason: null, external_refs: null, my_basis: 'membership',
  members: [
    { user_id: 'u1', display_name: 'Marija', agency_id: 'a1', roles: ['social_worker'], basis: 'membership', added_at: '2026-11-20T10:00:00Z' },
    { user_id: 'u2', display_name: 'Jelena', agency_id: 'a2', roles: ['nurse'], basis: 'membership', added_at: '2026-11-20T10:00:00Z' },
  ],
  emergency_access: null,
};
const plan = {
  case_id: 'c1', version: 1, review_date: null, participation: 'took_part', agreement: '',
  goals: [{ id: 'g1', title: 'Safe housing', in_own_words: 'I want my children to sleep safe', status: 'open', created_by: 'u1', created_at: '2026-11-20T10:00:00Z', actions: [] }],
};
const task = (over: Record<string, unknown>) => ({
  id: 't', case_id: 'c1', case_title: 'Porodica P.', title: 'T', assignee_id: 'u1', assignee_name: 'Marija', status: 'open', due_at: null,
  goal_id: null, action_id: null, overdue: false, created_at: '2026-11-20T10:00:00Z', completed_at: null, completed_by: null, ...over,
});
const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000 - 3_600_000).toISOString();

type Call = { url: string; method: string; body: unknown };

function setup(route: string, tasks: unknown[] = [], answer?: (url: string, method: string) => Response | undefined) {
  void i18n.changeLanguage('en');
  const calls: Call[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const special = answer?.(url, method);
    if (special) return special;
    if (method === 'POST' && url.includes('/plan/goals/g1/actions')) return jsonResponse(201, plan);
    if (method === 'PATCH' && url.startsWith('/api/v1/tasks/')) return jsonResponse(200, tasks[0]);
    if (url.startsWith('/api/v1/cases/c1/plan')) return jsonResponse(200, plan);
    if (url.startsWith('/api/v1/cases/c1/tasks') || url.startsWith('/api/v1/tasks')) return jsonResponse(200, { items: tasks, next_cursor: null });
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: [{ id: 'a9', name: 'Dom zdravlja' }], next_cursor: null });
    if (url.startsWith('/api/v1/cases/c1')) return jsonResponse(200, kase);
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  client.setQueryData(['me'], { id: 'u1', display_name: 'Marija', roles: ['social_worker'], team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' });
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path="/tasks" element={<MyTasksPage />} />
            <Route path="/cases/:id" element={<CaseLayout />}>
              <Route index element={<CaseOverview />} />
              <Route path="people" element={<CasePeople />} />
              <Route path="plan" element={<CasePlan />} />
              <Route path="tasks" element={<CaseTasks />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return calls;
}

describe('CasePlan', () => {
  it("shows a goal in the person's own words, prominently", async () => {
    setup('/cases/c1/plan');
    const quote = await screen.findByText('I want my children to sleep safe');
    expect(quote.tagName).toBe('BLOCKQUOTE');
    expect(within(quote.closest('figure')!).getByText("In the person's own words")).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Safe housing' })).toBeInTheDocument();
  });

  it('adds an action owned by a member with the right body', async () => {
    const calls = setup('/cases/c1/plan');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Add an action/ }));
    await user.type(screen.getByLabelText(/What will be done/), 'Visit the housing office');
    await user.selectOptions(screen.getByLabelText(/Who does it/), 'user:u2');
    await user.type(screen.getByLabelText(/By when/), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Add the action' }));
    const post = await vi.waitFor(() => {
      const c = calls.find((x) => x.method === 'POST');
      if (!c) throw new Error('not yet');
      return c;
    });
    expect(post.url).toBe('/api/v1/plan/goals/g1/actions');
    expect(post.body).toEqual({ title: 'Visit the housing office', owner_user_id: 'u2', due_date: '2026-12-01' });
  });
});

describe('CaseTasks', () => {
  it('words an overdue task as days late, with an icon', async () => {
    setup('/cases/c1/tasks', [task({ id: 't1', title: 'Call the school', due_at: twoDaysAgo, overdue: true })]);
    const late = await screen.findByText(/2 days late/);
    expect(late.closest('.tag--urgent')).not.toBeNull();
    expect(late.closest('.tag--urgent')!.textContent).toContain('⚠');
  });

  it('marks a task done with PATCH {status: done}', async () => {
    const calls = setup('/cases/c1/tasks', [task({ id: 't1', title: 'Call the school' })]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Done/ }));
    const patch = await vi.waitFor(() => {
      const c = calls.find((x) => x.method === 'PATCH');
      if (!c) throw new Error('not yet');
      return c;
    });
    expect(patch.url).toBe('/api/v1/tasks/t1');
    expect(patch.body).toEqual({ status: 'done' });
  });

  it('shows who completed a task and when', async () => {
    setup('/cases/c1/tasks', [task({ id: 't1', status: 'done', completed_by: 'u1', completed_at: '2026-11-21T13:00:00Z' })]);
    expect(await screen.findByText(/Done by Marija/)).toBeInTheDocument();
  });
});

describe('My tasks', () => {
  it('lists overdue first, then by deadline, each linking to its case', async () => {
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const later = new Date(Date.now() + 5 * 86_400_000).toISOString();
    setup('/tasks', [task({ id: 'a', title: 'Later', due_at: later }), task({ id: 'b', title: 'No deadline' }), task({ id: 'c', title: 'Late one', due_at: twoDaysAgo, overdue: true }), task({ id: 'd', title: 'Soon', due_at: soon })]);
    await screen.findByText('Late one');
    const titles = screen.getAllByRole('listitem').map((li) => li.querySelector('.row-list__title')?.textContent);
    expect(titles).toEqual(['Late one', 'Soon', 'Later', 'No deadline']);
    expect(screen.getAllByRole('link', { name: 'Porodica P.' })[0]).toHaveAttribute('href', '/cases/c1/tasks');
  });

  it('sorts finished tasks last', () => {
    const out = sortTasks([task({ id: 'x', status: 'done' }) as never, task({ id: 'y' }) as never]);
    expect(out.map((x) => x.id)).toEqual(['y', 'x']);
  });
});

describe('Case status and people', () => {
  it('words a 409 on the status in plain language', async () => {
    const calls = setup('/cases/c1', [], (url, method) =>
      method === 'POST' && url.endsWith('/status') ? jsonResponse(409, { code: 'conflict', status: 409, detail: 'A case that is closed cannot become active.' }) : undefined,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Change the status' }));
    await user.selectOptions(screen.getByLabelText(/New status/), 'closed');
    await user.click(screen.getByRole('button', { name: 'Save the status' }));
    expect(await screen.findAllByText('Say why the case is closed.')).not.toHaveLength(0);
    await user.type(screen.getByLabelText(/Why the case is closed/), 'Final court decision');
    await user.click(screen.getByRole('button', { name: 'Save the status' }));
    expect(await screen.findByText(/cannot move to that status/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ status: 'closed', closing_reason: 'Final court decision' });
  });

  it('explains the perpetrator wall calmly when adding a person', async () => {
    setup('/cases/c1/people', [], (url, method) => {
      if (method === 'POST' && url.endsWith('/people')) return jsonResponse(409, { code: 'wall', status: 409, detail: 'wall' });
      if (url.startsWith('/api/v1/cases/c1/people')) return jsonResponse(200, { items: [], next_cursor: null });
      return undefined;
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a person' }));
    await user.selectOptions(screen.getByLabelText(/Relation to the case/), 'perpetrator');
    await user.type(screen.getByLabelText(/^First name/), 'Goran');
    await user.type(screen.getByLabelText(/^Last name/), 'P');
    await user.type(screen.getByLabelText(/^JMBG/), '0101990710009');
    expect(await screen.findAllByText(/check digit does not match/)).not.toHaveLength(0);
    await user.clear(screen.getByLabelText(/^JMBG/));
    await user.click(screen.getByRole('button', { name: 'Add the person' }));
    expect(await screen.findByText(/Ask the team lead to assign someone else/)).toBeInTheDocument();
  });
});
