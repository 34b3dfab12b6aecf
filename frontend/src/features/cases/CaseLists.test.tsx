import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { CasesPage } from './CasesPage';
import { MyTasksPage } from './MyTasksPage';

afterEach(() => vi.restoreAllMocks());

const summary = (id: string, title: string) => ({
  id, title, category: 'general', status: 'open', risk_level: 'low', team_id: 't1', lead_id: 'u1', subject_name: `Person ${id}`, subject_jmbg_masked: null, created_at: '2026-11-20T10:00:00Z',
});
const task = (id: string, title: string, due_at: string) => ({
  id, case_id: 'c1', case_title: 'Porodica P.', title, assignee_id: 'u1', assignee_name: 'Marija', status: 'open', due_at,
  goal_id: null, action_id: null, overdue: false, created_at: '2026-11-20T10:00:00Z', completed_at: null, completed_by: null,
});
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** Pages by cursor: `pages[cursor ?? '']` answers; the next cursor is given by each page. */
function setup(route: string, path: string, pages: Record<string, Response | (() => Response)>) {
  void i18n.changeLanguage('en');
  const urls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://localhost');
    urls.push(String(input));
    if (url.pathname === path) {
      const page = pages[url.searchParams.get('cursor') ?? ''];
      if (page) return typeof page === 'function' ? page() : page.clone();
    }
    return jsonResponse(404, { code: 'not_found' });
  });
  const client = createQueryClient();
  client.setQueryData(['me'], { id: 'u1', display_name: 'Marija', roles: ['care_worker'], team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' });
  render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path="/cases" element={<CasesPage />} />
            <Route path="/tasks" element={<MyTasksPage />} />
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
  return urls;
}

const liveRegion = () => screen.getByTestId('live-region');
const rowTitles = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => li.querySelector('.row-list__title')?.textContent);

describe('Case list: Show more', () => {
  it('loads the next page by cursor, appends it, moves focus to the first new case and says how many came', async () => {
    const urls = setup('/cases', '/api/v1/cases', {
      '': jsonResponse(200, { items: [summary('c1', 'Porodica A'), summary('c2', 'Porodica B')], next_cursor: 'p2' }),
      p2: jsonResponse(200, { items: [summary('c3', 'Porodica C')], next_cursor: null }),
    });
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'My cases' });
    expect(rowTitles(list)).toEqual(['Porodica A', 'Porodica B']);

    await user.click(screen.getByRole('button', { name: 'Show more' }));

    await vi.waitFor(() => expect(rowTitles(list)).toEqual(['Porodica A', 'Porodica B', 'Porodica C']));
    const next = new URL(urls.find((u) => u.includes('cursor='))!, 'http://localhost');
    expect(next.searchParams.get('cursor')).toBe('p2');
    expect(next.searchParams.get('scope')).toBe('mine');
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')[2]).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(liveRegion()).toHaveTextContent('1 more shown. Everything is shown.'));
  });

  it('has no Show more when the first page is the last', async () => {
    setup('/cases', '/api/v1/cases', { '': jsonResponse(200, { items: [summary('c1', 'Porodica A')], next_cursor: null }) });
    await screen.findByText('Porodica A');
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('keeps what is shown and offers the button again when the next page fails', async () => {
    setup('/cases', '/api/v1/cases', {
      '': jsonResponse(200, { items: [summary('c1', 'Porodica A')], next_cursor: 'p2' }),
      p2: jsonResponse(422, { code: 'validation', status: 422, errors: [{ field: 'cursor', message: 'bad' }] }),
    });
    const user = userEvent.setup();
    await screen.findByText('Porodica A');
    const button = screen.getByRole('button', { name: 'Show more' });
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load more.');
    expect(screen.getByText('Porodica A')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show more' })).toHaveFocus();
  });
});

describe('My tasks: Show more', () => {
  it('loads the next page by cursor and appends it, keeping overdue-first order', async () => {
    const urls = setup('/tasks', '/api/v1/tasks', {
      '': jsonResponse(200, { items: [task('t1', 'Call the school', inDays(1)), task('t2', 'Visit', inDays(2))], next_cursor: 'n2' }),
      n2: jsonResponse(200, { items: [task('t3', 'Write the report', inDays(3)), task('t4', 'Meet the family', inDays(4))], next_cursor: 'n3' }),
      n3: jsonResponse(200, { items: [task('t5', 'Close the loop', inDays(5))], next_cursor: null }),
    });
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'My tasks' });
    expect(rowTitles(list)).toEqual(['Call the school', 'Visit']);
    const first = new URL(urls[0]!, 'http://localhost');
    expect(first.searchParams.get('assignee')).toBe('me');
    expect(first.searchParams.get('cursor')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await vi.waitFor(() => expect(rowTitles(list)).toEqual(['Call the school', 'Visit', 'Write the report', 'Meet the family']));
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')[2]).toHaveFocus());
    await vi.waitFor(() => expect(liveRegion()).toHaveTextContent('2 more shown.'));
    expect(liveRegion()).not.toHaveTextContent('Everything is shown.');

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await vi.waitFor(() => expect(rowTitles(list)).toHaveLength(5));
    expect(urls.map((u) => new URL(u, 'http://localhost').searchParams.get('cursor'))).toEqual([null, 'n2', 'n3']);
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(liveRegion()).toHaveTextContent('1 more shown. Everything is shown.'));
  });
});
