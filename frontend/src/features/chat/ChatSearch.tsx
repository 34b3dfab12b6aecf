import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { formatDateTime } from '@/lib/format';
import { useSearchMessages } from './api/search';
import { excerpt } from './Composer';

/** Search in the case's messages; the server matches across Cyrillic and Latin and ignores diacritics. */
export function ChatSearch({ caseId, meId, onJump }: { caseId: string; meId: string; onJump: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const results = useSearchMessages(caseId, q);
  const items = results.data?.items ?? [];
  return (
    <div className="chat-search">
      <form
        role="search"
        aria-label={t('chat.searchTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label htmlFor={`${uid}-q`} className="field__label">
          {t('chat.searchLabel')}
        </label>
        <div className="search__row">
          <input id={`${uid}-q`} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} maxLength={200} />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {q &&
        (results.isPending ? (
          <SkeletonList rows={2} />
        ) : results.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : (
          <section aria-labelledby={`${uid}-results`}>
            <p id={`${uid}-results`} className="chat-search__count" role="status">
              {items.length === 0 ? t('chat.searchNone', { q }) : t('chat.searchFound', { count: items.length, q })}
            </p>
            {items.length > 0 && (
              <ul className="row-list chat-search__results">
                {items.map((m) => (
                  <li key={m.id} className="row-list__item row-list__item--wrap">
                    <div className="row-list__text">
                      <span className="row-list__meta">
                        {String(m.author_id) === meId ? t('chat.you') : m.author_name} · {formatDateTime(m.created_at, i18n.language)}
                      </span>
                      <span>{excerpt(m.body, 160)}</span>
                    </div>
                    <button type="button" className="button button--secondary button--small" onClick={() => onJump(m.id)}>
                      {t('chat.showInChat')}
                      <span className="visually-hidden"> — {formatDateTime(m.created_at, i18n.language)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setQ('');
                setText('');
              }}
            >
              {t('chat.clearSearch')}
            </button>
          </section>
        ))}
    </div>
  );
}
