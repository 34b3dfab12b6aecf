import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { MeetingPage } from './MeetingPage';
import { chairUser, detail, mockApi, writes } from './testData';
import type { MeetingDetail, ProtectionPlan } from './types';

afterEach(() => vi.restoreAllMocks());

// The group's previous meeting (the group's members now come with the meeting itself).
const previous = detail({
  id: 'm0',
  status: 'closed',
  starts_at: '2026-11-14T09:00:00Z',
  items: [],
  attendance: [
    { user_id: 'u-chair', display_name: 'Dragan Stojanović', agency_name: 'OJT Kikinda', presence: 'present', confidentiality_acknowledged_at: null, recorded_at: '2026-11-14T09:02:00Z' },
    { user_id: 'u-police', display_name: 'Milan Jovanović', agency_name: 'PS Kikinda', presence: 'present', confidentiality_acknowledged_at: null, recorded_at: '2026-11-14T09:02:00Z' },
    { user_id: 'u-social', display_name: 'Marija Petrović', agency_name: 'CSR Kikinda', presence: 'present', confidentiality_acknowledged_at: null, recorded_at: '2026-11-14T09:02:00Z' },
  ],
});

const plan: ProtectionPlan = {
  id: 'p-babic',
  case_id: 'c-babic',
  victim_id: 'person-babic',
  victim_name: 'Marina Babić',
  status: 'draft',
  participation: null,
  monitoring: '',
  version: 1,
  adopted_at: null,
  adopted_in: null,
  adopted_version: null,
  measures: [
    { id: 'pm1', kind: 'protection', description: 'Policijski obilazak adrese', executor_agency_id: 'a-ps', executor_agency_name: 'PS Kikinda', executor_user_id: 'u-police', executor_name: 'Milan Jovanović', due_at: '2099-12-08T11:00:00Z', status: 'planned', task_id: null, position: 1 },
    { id: 'pm2', kind: 'support', description: 'Savetovanje za Marinu i decu', executor_agency_id: 'a-csr', executor_agency_name: 'CSR Kikinda', executor_user_id: null, executor_name: null, due_at: null, status: 'planned', task_id: null, position: 2 },
  ],
};

function renderRunning(answer: (url: string, init: RequestInit) => Response | undefined = () => undefined, meeting: MeetingDetail = detail()) {
  const fetchMock = mockApi((url, init) => {
    if (init && init.method !== 'GET') {
      const own = answer(url, init);
      if (own) return own;
    }
    if (url === '/api/v1/meetings/m1') return jsonResponse(200, meeting);
    if (url === '/api/v1/meetings/m0') return jsonResponse(200, previous);
    if (url.startsWith('/api/v1/coordination-groups/g1/meetings')) return jsonResponse(200, { items: [meeting, previous], next_cursor: null });
    if (url.startsWith('/api/v1/cases/c-babic/protection-plans')) return jsonResponse(200, { items: [plan], next_cursor: null });
    if (url.startsWith('/api/v1/cases/c-jovic/protection-plans')) return jsonResponse(200, { items: [], next_cursor: null });
    return undefined;
  });
  renderPage(<MeetingPage />, { path: '/meetings/:id', route: '/meetings/m1', me: chairUser });
  return fetchMock;
}

describe('Meeting mode', () => {
  it('lists the group’s members by agency and records attendance with large toggles', async () => {
    const fetchMock = renderRunning((url) => (url.endsWith('/attendance') ? jsonResponse(200, detail()) : undefined));
    const attendance = await screen.findByRole('region', { name: 'Attendance' });
    await within(attendance).findByText('Milan Jovanović');
    expect(within(attendance).getByRole('heading', { name: 'PS Kikinda' })).toBeInTheDocument();
    expect(within(attendance).getByRole('heading', { name: 'CSR Kikinda' })).toBeInTheDocument();
    const police = within(attendance).getByRole('group', { name: 'Attendance of Milan Jovanović' });
    await userEvent.click(within(police).getByRole('button', { name: 'Present' }));
    await waitFor(() => expect(writes(fetchMock)).toEqual([{ url: '/api/v1/meetings/m1/attendance', method: 'PUT', body: { user_id: 'u-police', presence: 'present' } }]));
  });

  it('records a decision on the first item and a note on the next, one item at a time', async () => {
    const fetchMock = renderRunning((url, init) =>
      url.endsWith('/records') ? jsonResponse(201, { id: 'r1', kind: JSON.parse(String(init.body)).kind, body: 'x' }) : undefined,
    );
    const items = await screen.findByRole('region', { name: 'Agenda items' });
    expect(within(items).getByText('Item 1 of 2 · New cases')).toBeInTheDocument();
    expect(within(items).getByRole('heading', { level: 3, name: 'Porodica Babić' })).toBeInTheDocument();
    // A decision unless told otherwise.
    expect(within(items).getByRole('radio', { name: 'Decision' })).toBeChecked();
    await userEvent.click(within(items).getByRole('button', { name: 'Record the decision' }));
    expect(within(items).getByRole('link', { name: 'Write the decision.' })).toBeInTheDocument();
    await userEvent.type(within(items).getByLabelText('The decision'), 'Predložiti sudu produženje mere udaljenja.');
    await userEvent.click(within(items).getByRole('button', { name: 'Record the decision' }));
    await waitFor(() =>
      expect(writes(fetchMock)).toEqual([{ url: '/api/v1/meetings/m1/items/i-babic/records', method: 'POST', body: { kind: 'decision', body: 'Predložiti sudu produženje mere udaljenja.' } }]),
    );

    await userEvent.click(within(items).getByRole('button', { name: /Next item/ }));
    expect(within(items).getByRole('heading', { level: 3, name: 'Porodica Jović' })).toBeInTheDocument();
    expect(within(items).getByText('Item 2 of 2 · Ongoing cases')).toBeInTheDocument();
    expect(within(items).getByRole('button', { name: /Next item/ })).toBeDisabled();
    await userEvent.click(within(items).getByRole('radio', { name: 'Note' }));
    await userEvent.type(within(items).getByLabelText('The note'), 'Majka se preselila kod roditelja.');
    await userEvent.click(within(items).getByRole('button', { name: 'Add the note' }));
    await waitFor(() => expect(writes(fetchMock)[1]).toEqual({ url: '/api/v1/meetings/m1/items/i-jovic/records', method: 'POST', body: { kind: 'note', body: 'Majka se preselila kod roditelja.' } }));
  });

  it('says in words what keeps a plan from being adopted', async () => {
    const fetchMock = renderRunning((url) =>
      url === '/api/v1/protection-plans/p-babic/adopt'
        ? jsonResponse(422, {
            code: 'validation',
            errors: [
              { field: 'measures[1].executor_user_id', message: 'Name the person who carries out "Savetovanje za Marinu i decu".' },
              { field: 'measures[1].due_at', message: 'Give the deadline of "Savetovanje za Marinu i decu".' },
              { field: 'monitoring', message: 'Write how the plan is monitored and evaluated.' },
              { field: 'participation', message: 'Record whether the victim took part, declined, or could not.' },
            ],
          })
        : undefined,
    );
    const plans = await screen.findByRole('region', { name: 'Protection and support plans of Porodica Babić' });
    const adoptButton = await within(plans).findByRole('button', { name: /^Adopt the plan.*Marina Babić/ });
    await userEvent.click(adoptButton);
    await waitFor(() => expect(writes(fetchMock)).toEqual([{ url: '/api/v1/protection-plans/p-babic/adopt', method: 'POST', body: { meeting_id: 'm1' } }]));
    expect(await within(plans).findByText('The plan cannot be adopted yet')).toBeInTheDocument();
    const problems = within(plans)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
      .filter((text) => !text?.startsWith('Protection:') && !text?.startsWith('Support:'));
    expect(problems).toEqual([
      'Measure 2 (Savetovanje za Marinu i decu): name the person who carries it out.',
      'Measure 2 (Savetovanje za Marinu i decu): give its deadline.',
      'Write how the plan is monitored and evaluated.',
      'Record whether the victim took part, declined, or could not.',
    ]);
    expect(within(plans).getByRole('link', { name: 'Complete the plan in the case' })).toHaveAttribute('href', '/cases/c-babic');
  });

  it('does not close a meeting without minutes, and says so', async () => {
    const fetchMock = renderRunning((url) =>
      url === '/api/v1/meetings/m1/close'
        ? jsonResponse(422, { code: 'validation', errors: [{ field: 'minutes', message: 'A meeting cannot be closed without minutes: write them first.' }] })
        : undefined,
    );
    const minutes = await screen.findByRole('region', { name: 'Minutes' });
    await userEvent.click(within(minutes).getByRole('button', { name: 'Close the meeting' }));
    expect(within(minutes).getByRole('link', { name: 'A meeting cannot be closed without minutes: write them first.' })).toHaveAttribute('href', '#minutes');
    expect(within(minutes).getByLabelText('The minutes')).toHaveAttribute('aria-invalid', 'true');
    expect(writes(fetchMock)).toHaveLength(0);

    // What the server says when it refuses them all the same.
    await userEvent.type(within(minutes).getByLabelText('The minutes'), 'Razmotreni slučajevi Babić i Jović.');
    await userEvent.click(within(minutes).getByRole('button', { name: 'Close the meeting' }));
    await userEvent.click(within(minutes).getByRole('button', { name: 'Yes, close the meeting' }));
    await waitFor(() => expect(writes(fetchMock)).toEqual([{ url: '/api/v1/meetings/m1/close', method: 'POST', body: { minutes: 'Razmotreni slučajevi Babić i Jović.' } }]));
    expect(await within(minutes).findByRole('link', { name: 'A meeting cannot be closed without minutes: write them first.' })).toBeInTheDocument();
    expect(within(minutes).getByLabelText('The minutes')).toHaveValue('Razmotreni slučajevi Babić i Jović.');
  });

  it('drafts the minutes from the decisions and actions', async () => {
    const withRecords = detail({
      attendance: [{ user_id: 'u-chair', display_name: 'Dragan Stojanović', agency_name: 'OJT Kikinda', presence: 'present', confidentiality_acknowledged_at: '2099-11-28T09:05:00Z', recorded_at: '2099-11-28T09:01:00Z' }],
    });
    withRecords.items[0]!.records = [{ id: 'r1', item_id: 'i-babic', kind: 'decision', body: 'Predložiti produženje mere.', author_id: 'u-chair', author_name: 'Dragan Stojanović', created_at: '2099-11-28T09:20:00Z' }];
    renderRunning(() => undefined, withRecords);
    const minutes = await screen.findByRole('region', { name: 'Minutes' });
    await userEvent.click(within(minutes).getByRole('button', { name: 'Start from the decisions and actions' }));
    const text = (within(minutes).getByLabelText('The minutes') as HTMLTextAreaElement).value;
    expect(text).toContain('Present: Dragan Stojanović');
    expect(text).toContain('1. Porodica Babić\n   Decision: Predložiti produženje mere.');
    expect(text).toContain('2. Porodica Jović');
  });
});
