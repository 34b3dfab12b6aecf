import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '@/test/render';
import { AckTimesSection } from './AckTimesSection';

afterEach(() => vi.restoreAllMocks());

describe('AckTimesSection', () => {
  it('shows the time to acknowledge per hour of the day, and asks again for another period', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      const url = String(input);
      if (url.includes('days=90')) return jsonResponse(200, { items: [], next_cursor: null });
      return jsonResponse(200, { items: [{ hour: 2, pages: 3, acknowledged: 2, median_seconds: 610, max_seconds: 1500 }], next_cursor: null });
    });
    renderPage(<AckTimesSection agencyId="a1" />, { path: '/', route: '/' });
    const table = await screen.findByRole('table', { name: 'Time to acknowledge over the last 30 days' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('02:00–02:59');
    expect(row).toHaveTextContent('11 minutes');
    expect(row).toHaveTextContent('25 minutes');
    expect(String(fetchMock.mock.calls[0]![0])).toContain('/agencies/a1/acknowledgement-times?days=30&tz=Europe%2FBelgrade');
    await userEvent.selectOptions(screen.getByLabelText('Period'), '90');
    expect(await screen.findByText('No page to this agency in this period.')).toBeInTheDocument();
  });
});
