import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { agencies, user } from './fixtures.test-data';
import { RiskForm } from './RiskForm';

afterEach(() => vi.restoreAllMocks());

function renderForm(post: (body: Record<string, unknown>) => Response) {
  const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith('/api/v1/agencies')) return jsonResponse(200, { items: agencies, next_cursor: null });
    if (url === '/api/v1/cases/c1/risk-assessments' && init?.method === 'POST') return post(JSON.parse(String(init.body)));
    return jsonResponse(404, { code: 'not_found' });
  });
  const onDone = vi.fn();
  renderPage(<RiskForm caseId="c1" onDone={onDone} />, { me: user(['police_liaison']) });
  return { fetchMock, onDone };
}

const answer = (question: RegExp, choice: string) => userEvent.click(within(screen.getByRole('group', { name: question })).getByRole('radio', { name: choice }));

describe('the risk assessment form', () => {
  it('asks every factor in plain words, and sends the assessment with immediate danger to the prosecutor', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { onDone } = renderForm((b) => {
      bodies.push(b);
      return jsonResponse(201, { id: 'r1', immediate_danger: true });
    });
    await waitFor(() => expect(screen.getByRole('option', { name: 'OJT Kikinda' })).toBeInTheDocument());
    // Only a prosecutor's office or a Center for Social Work can receive it.
    const sendTo = screen.getByLabelText('Send to (optional)');
    expect(within(sendTo).getAllByRole('option').map((o) => o.textContent)).toEqual(['Do not send now', 'OJT Kikinda', 'CSR Kikinda']);

    fireEvent.change(screen.getByLabelText('When you assessed the risk'), { target: { value: '2026-11-20T08:30' } });
    await answer(/been violent before/, 'Yes');
    await answer(/threatened to kill/, 'Yes');
    await answer(/have, or can they get, a weapon/, "Don't know");
    await answer(/mental illness/, 'No');
    await answer(/custody of the children/, 'Yes');
    await answer(/urgent or protective measures/, 'No');
    await answer(/Is the victim afraid/, 'Yes');
    await userEvent.click(screen.getByRole('radio', { name: 'Yes, there is immediate danger' }));
    await userEvent.type(screen.getByLabelText('Notes (optional)'), '  Threatened her with a knife.  ');
    await userEvent.selectOptions(sendTo, 'a-ojt');
    await userEvent.click(screen.getByRole('button', { name: 'Record the assessment' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies).toEqual([
      {
        assessed_at: '2026-11-20T07:30:00Z',
        factors: {
          prior_violence: 'yes',
          threats: 'yes',
          weapons: 'unknown',
          mental_illness_or_abuse: 'no',
          custody_conflict: 'yes',
          earlier_measures: 'no',
          victim_fear: 'yes',
        },
        immediate_danger: true,
        notes: 'Threatened her with a knife.',
        sent_to: 'a-ojt',
      },
    ]);
  });

  it('names every unanswered factor and the missing danger before sending', async () => {
    const { fetchMock } = renderForm(() => jsonResponse(201, {}));
    await answer(/been violent before/, 'No');
    await userEvent.click(screen.getByRole('button', { name: 'Record the assessment' }));
    const summary = await screen.findByRole('alert');
    const links = within(summary).getAllByRole('link');
    expect(links).toHaveLength(7);
    expect(within(summary).getByRole('link', { name: 'Answer: Weapons.' })).toHaveAttribute('href', '#risk-factor-weapons');
    expect(within(summary).getByRole('link', { name: 'Say whether there is immediate danger.' })).toHaveAttribute('href', '#risk-danger');
    expect(fetchMock.mock.calls.filter(([, i]) => i?.method === 'POST')).toHaveLength(0);
  });

  it('puts the server’s field errors on the fields (a time in the future, a factor)', async () => {
    renderForm(() =>
      jsonResponse(422, {
        status: 422, code: 'validation',
        errors: [
          { field: 'assessed_at', message: 'This time lies in the future.' },
          { field: 'factors.threats', message: 'Answer yes, no or unknown.' },
        ],
      }),
    );
    for (const q of [/been violent before/, /threatened to kill/, /weapon/, /mental illness/, /custody/, /urgent or protective/, /afraid/]) await answer(q, 'No');
    await userEvent.click(screen.getByRole('radio', { name: 'No immediate danger' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record the assessment' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'This time is in the future. Record it once it has happened.' })).toHaveAttribute('href', '#risk-assessed');
    expect(within(summary).getByRole('link', { name: 'Answer yes, no or unknown.' })).toHaveAttribute('href', '#risk-factor-threats');
  });
});
