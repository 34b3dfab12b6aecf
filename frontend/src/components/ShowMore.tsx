import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from './Status';

/** The parts of a TanStack infinite query over `{items, next_cursor}` pages that the button needs. */
export type PagedQuery = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<{ data?: { pages: { items: unknown[] }[] }; hasNextPage: boolean; isFetchNextPageError: boolean }>;
};

type Props = {
  query: PagedQuery;
  /** The list the pages fill (its children are the rows): the first new row takes focus. */
  listRef: RefObject<HTMLElement | null>;
  /** How many rows are on screen now; focus moves once the new ones are rendered. */
  shown: number;
};

/**
 * "Show more" under a list that the server gives a page at a time. It loads the next page,
 * says how many came (and when there are no more), and moves focus to the first new row so
 * the reader carries on where the list grew, even when the button goes away. Hidden when the
 * last page has no next_cursor.
 */
export function ShowMore({ query, listRef, shown }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  // The rows on screen before the click; null when no load is waiting to move focus.
  const [before, setBefore] = useState<Set<Element> | null>(null);
  const loading = useRef(false);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!before || !list) return;
    const rows = Array.from(list.children);
    // None of the old rows left: the list was replaced (another filter), there is nothing to follow.
    if (!rows.some((row) => before.has(row))) {
      setBefore(null);
      return;
    }
    const first = rows.find((row) => !before.has(row));
    if (!first) return;
    setBefore(null);
    if (first instanceof HTMLElement) {
      if (!first.hasAttribute('tabindex')) first.setAttribute('tabindex', '-1');
      first.focus();
    }
  }, [before, shown, listRef]);

  async function more() {
    if (loading.current || query.isFetchingNextPage) return;
    loading.current = true;
    const rows = new Set(Array.from(listRef.current?.children ?? []));
    try {
      const res = await query.fetchNextPage();
      if (res.isFetchNextPageError) return;
      const pages = res.data?.pages ?? [];
      const added = pages.length > 1 ? (pages[pages.length - 1]?.items.length ?? 0) : 0;
      const end = res.data && !res.hasNextPage ? t('common.allShown') : '';
      if (added > 0) {
        setBefore(rows);
        announce([t('common.moreShown', { count: added }), end].filter(Boolean).join(' '));
      } else if (end) {
        announce(end);
      }
    } finally {
      loading.current = false;
    }
  }

  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  return (
    <div className="load-more">
      {query.isFetchNextPageError && (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('common.moreFailed')}
        </p>
      )}
      {/* aria-disabled, not disabled: a disabled button drops focus, and the reader would land at the top. */}
      <button type="button" className="button button--secondary load-more__button" onClick={() => void more()} aria-disabled={query.isFetchingNextPage || undefined}>
        {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}

