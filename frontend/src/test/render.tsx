import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import type { User } from '@/lib/types';

/** Renders a page with the app's providers, in English, at a route; signed out unless `me` is given. */
export function renderPage(ui: ReactElement, { path = '/', route = '/', me = null }: { path?: string; route?: string; me?: User | null } = {}) {
  void i18n.changeLanguage('en');
  const client = createQueryClient();
  client.setQueryData(['me'], me);
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
