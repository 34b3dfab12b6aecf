import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';

/** Renders a page with the app's providers, in English, at a route. */
export function renderPage(ui: ReactElement, { path = '/', route = '/' }: { path?: string; route?: string } = {}) {
  void i18n.changeLanguage('en');
  const client = createQueryClient();
  client.setQueryData(['me'], null);
  return render(
    <QueryClientProvider client={client}>
      <StatusProvider>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </StatusProvider>
    </QueryClientProvider>,
  );
}

export function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
}
