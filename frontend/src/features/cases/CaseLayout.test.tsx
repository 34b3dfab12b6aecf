import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { StatusProvider } from '@/components/Status';
import i18n from '@/lib/i18n';
import { createQueryClient } from '@/lib/queryClient';
import { jsonResponse } from '@/test/render';
import { CaseLayout } from './CaseLayout';

// jsdom lays nothing out, so the header's layout is checked where it is decided: the rules of
// styles.css, read through the browser's CSS object model. The end-to-end suite measures the
// real boxes at 390 and 1280 px (e2e/cases.spec.ts).

let rules: CSSRule[] = [];
beforeAll(() => {
  const style = document.createElement('style');
  style.textContent = readFileSync(join(process.cwd(), 'src/styles.css'), 'utf8');
  document.head.append(style);
  rules = Array.from(style.sheet!.cssRules);
});
afterEach(() => vi.restoreAllMocks());

/** The declarations for a selector, in order, inside media rules matching `media` (or at the top level for ''). */
function declared(selector: string, media: string, prop: string): string[] {
  const out: string[] = [];
  const visit = (list: CSSRule[], inMedia: string) => {
    for (const r of list) {
      if (r instanceof CSSMediaRule) visit(Array.from(r.cssRules), r.media.mediaText);
      else if (r instanceof CSSStyleRule && inMedia === media && r.selectorText.split(',').map((s) => s.trim()).includes(selector)) {
        const v = r.style.getPropertyValue(prop);
        if (v) out.push(v.trim());
      }
    }
  };
  visit(rules, '');
  return out;
}
const last = (selector: string, media: string, prop: string) => declared(selector, media, prop).at(-1);
const WIDE = '(min-width: 56rem)';

describe('the header on a wide screen (a team lead at 1280 px has eight links and the tools)', () => {
  it('gives the links a row of their own under the name and the tools, wrapping only between links', () => {
    expect(last('.nav', WIDE, 'display')).toBe('grid');
    expect(last('.nav__list', WIDE, 'grid-row')).toBe('2');
    expect(last('.nav__list', WIDE, 'grid-column')).toBe('1 / -1');
    expect(last('.nav__list', WIDE, 'flex-wrap')).toBe('wrap');
    expect(last('.nav__link', '', 'white-space')).toBe('nowrap');
  });

  it('keeps the tools on the first row, clear of the name, and lets them wrap on their own side', () => {
    expect(last('.nav__tools', WIDE, 'grid-row')).toBe('1');
    expect(last('.nav__tools', WIDE, 'grid-column')).toBe('2');
    // The first column keeps the name's place free; the tools never reach into it.
    expect(last('.nav', WIDE, 'grid-template-columns')).toMatch(/^\d+(\.\d+)?rem minmax\(0, 1fr\)$/);
    expect(last('.brand', WIDE, 'grid-area')).toBe('1 / 1');
    expect(last('.nav__tools', '', 'flex-wrap')).toBe('wrap');
    // Nothing is taken out of the flow, so a longer label pushes the links down instead of covering them.
    expect(declared('.nav__tools', WIDE, 'position')).toEqual([]);
    expect(declared('.nav__list', WIDE, 'position')).toEqual([]);
  });
});

describe('the case header on a phone', () => {
  it('wraps the title, the tags and the tabs instead of scrolling sideways', () => {
    expect(last('.case-head__tags', '', 'flex-wrap')).toBe('wrap');
    expect(last('.tabs ul', '', 'flex-wrap')).toBe('wrap');
    expect(last('body', '', 'overflow-wrap')).toBe('anywhere');
  });

  it('has no rule outside wide-screen media that makes a box wider than a 320 px phone', () => {
    const px = (v: string) => [...v.matchAll(/(\d+(?:\.\d+)?)(px|rem|em)\b/g)].reduce((sum, m) => sum + Number(m[1]) * (m[2] === 'px' ? 1 : 16), 0);
    const tooWide: string[] = [];
    const visit = (list: CSSRule[], wideOnly: boolean) => {
      for (const r of list) {
        if (r instanceof CSSMediaRule) visit(Array.from(r.cssRules), wideOnly || /min-width/.test(r.media.mediaText));
        else if (r instanceof CSSStyleRule && !wideOnly) {
          for (const prop of ['width', 'min-width', 'flex-basis', 'grid-template-columns']) {
            const v = r.style.getPropertyValue(prop);
            if (v && !v.includes('minmax(') && px(v) > 320) tooWide.push(`${r.selectorText} { ${prop}: ${v} }`);
          }
        }
      }
    };
    visit(rules, false);
    expect(tooWide).toEqual([]);
  });
});

describe('the case workspace header', () => {
  it("puts the title, the case's tags and the tabs in that order, the tags in one wrapping group", async () => {
    void i18n.changeLanguage('en');
    const kase = {
      id: 'c1', title: 'Porodica Petrović-Jovanović, Kikinda — zaštita dece i podrška majci', category: 'domestic_violence', status: 'active', risk_level: 'high', team_id: 't1', lead_id: 'u1',
      subject: null, created_at: '2026-11-20T10:00:00Z', closing_reason: null, external_refs: null, my_basis: 'membership', members: [], emergency_access: null,
    };
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => jsonResponse(200, kase));
    const client = createQueryClient();
    client.setQueryData(['me'], { id: 'u1', display_name: 'Snežana Ilić', roles: ['social_worker', 'team_lead'], team_ids: ['t1'], agency_id: 'a1', must_change_password: false, language: 'en' });
    render(
      <QueryClientProvider client={client}>
        <StatusProvider>
          <MemoryRouter initialEntries={['/cases/c1']}>
            <Routes>
              <Route path="/cases/:id" element={<CaseLayout />}>
                <Route index element={<p>overview</p>} />
              </Route>
            </Routes>
          </MemoryRouter>
        </StatusProvider>
      </QueryClientProvider>,
    );
    const title = await screen.findByRole('heading', { level: 1, name: kase.title });
    const head = title.closest('.case-head') as HTMLElement;
    const tags = head.querySelector('.case-head__tags') as HTMLElement;
    expect(within(tags).getByText(/Risk: high/)).toBeInTheDocument();
    expect(tags.querySelectorAll('.tag')).toHaveLength(3);
    const tabs = screen.getByRole('navigation', { name: 'Parts of the case' });
    // The lead also has the access log: seven tabs, after the header, never inside it.
    expect(within(tabs).getAllByRole('link')).toHaveLength(7);
    expect(head.compareDocumentPosition(tabs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
