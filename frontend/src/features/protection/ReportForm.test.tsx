import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { agencies, user } from './fixtures.test-data';
import { ReportForm } from './ReportForm';

afterEach(() => vi.restoreAllMocks());

function renderForm(post: (body: Record<string, unknown>) => Response) {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url === '/api/v1/cases/c1/violence-reports' && init?.method === 'POST') return post(JSON.parse(String(init.body)));
    return jsonResponse(404, { code: 'not_found' });
  });
  const onSent = vi.fn();
  renderPage(<ReportForm caseId="c1" onSent={onSent} onCancel={() => {}} />, { me: user(['nurse'], { agency_id: 'a-dz' }) });
  return { fetchMock, onSent };
}

const report = { id: 'v1', case_id: 'c1', to_agency_id: 'a-ps', to_agency_name: 'PS Kikinda', sent_at: '2026-11-24T10:00:00Z', acknowledged_at: null };

describe('the report of violence', () => {
  it('offers only police stations and prosecutor’s offices, and sends the report', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { onSent } = renderForm((b) => {
      bodies.push(b);
      return jsonResponse(201, report);
    });
    const select = screen.getByLabelText('To whom');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'PS Kikinda' })).toBeInTheDocument());
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(["Choose the police or the prosecutor's office…", 'PS Kikinda', 'OJT Kikinda']);
    await userEvent.selectOptions(select, 'a-ps');
    await userEvent.type(screen.getByLabelText('What you know or suspect'), '  Bruises on her arms; she says her husband hit her.  ');
    await userEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(report));
    expect(bodies).toEqual([{ to_agency_id: 'a-ps', body: 'Bruises on her arms; she says her husband hit her.' }]);
  });

  it('asks for the agency and what happened before sending', async () => {
    const { fetchMock } = renderForm(() => jsonResponse(201, report));
    await userEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: "Choose a police station or a public prosecutor's office." })).toHaveAttribute('href', '#report-agency');
    expect(within(summary).getByRole('link', { name: 'Describe what you know or suspect.' })).toHaveAttribute('href', '#report-body');
    expect(fetchMock.mock.calls.filter(([, i]) => i?.method === 'POST')).toHaveLength(0);
  });

  it('says what emergency access allows when the server refuses', async () => {
    renderForm(() => jsonResponse(403, { status: 403, code: 'forbidden' }));
    await waitFor(() => expect(screen.getByRole('option', { name: 'OJT Kikinda' })).toBeInTheDocument());
    await userEvent.selectOptions(screen.getByLabelText('To whom'), 'a-ojt');
    await userEvent.type(screen.getByLabelText('What you know or suspect'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    expect(await screen.findByText('With emergency access you can read the case but not report from it.')).toBeInTheDocument();
    expect(screen.getByLabelText('What you know or suspect')).toHaveValue('x');
  });
});
