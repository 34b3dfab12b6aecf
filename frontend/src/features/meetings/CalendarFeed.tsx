import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '@/components/CopyButton';
import { TextField } from '@/components/Field';
import { InlineConfirm } from '@/components/InlineConfirm';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { useCreateCalendarFeed } from './api/createCalendarFeed';
import { useRevokeCalendarFeed } from './api/revokeCalendarFeed';

/**
 * The personal calendar feed: a secret address for a calendar app, with the groups' meetings and
 * the meetings the user is invited to (no case, no person). Shown once; asking again replaces it.
 */
export function CalendarFeed() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'info' | 'error'; text: string } | null>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);

  const make = () => {
    setResult(null);
    create.mutate(undefined, {
      onSuccess: (r) => {
        setUrl(r.url);
        announce(t('meetings.feed.created'));
      },
      onError: () => setResult({ tone: 'error', text: t('meetings.feed.failed') }),
    });
  };

  const stop = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setUrl('');
        setConfirming(false);
        setResult({ tone: 'success', text: t('meetings.feed.revoked') });
        announce(t('meetings.feed.revoked'));
      },
      onError: (e) => {
        setConfirming(false);
        setResult(isApiError(e) && e.status === 404 ? { tone: 'info', text: t('meetings.feed.none') } : { tone: 'error', text: t('meetings.feed.failed') });
      },
    });

  return (
    <section className="card meeting-feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('meetings.feed.title')}</h2>
      <p>{t('meetings.feed.intro')}</p>
      <p className="muted">{t('meetings.feed.privacy')}</p>
      {url && (
        <div className="secret-box">
          <TextField id="feed-url" label={t('meetings.feed.address')} hint={t('meetings.feed.once')} className="secret-input" readOnly value={url} spellCheck={false} onFocus={(e) => e.target.select()} />
          <CopyButton text={url} label={t('meetings.feed.copy')} />
        </div>
      )}
      {result && (
        <div aria-live="polite">
          <Notice tone={result.tone}>{result.text}</Notice>
        </div>
      )}
      {confirming ? (
        <InlineConfirm
          question={t('meetings.feed.confirmQuestion')}
          detail={t('meetings.feed.confirmDetail')}
          confirmLabel={t('meetings.feed.confirmYes')}
          pending={revoke.isPending}
          onConfirm={stop}
          onCancel={() => {
            setConfirming(false);
            window.setTimeout(() => revokeRef.current?.focus(), 0);
          }}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={make} disabled={create.isPending}>
            {create.isPending ? t('common.working') : url ? t('meetings.feed.again') : t('meetings.feed.create')}
          </button>
          <button type="button" className="button button--secondary" ref={revokeRef} onClick={() => setConfirming(true)}>
            {t('meetings.feed.revoke')}
          </button>
        </div>
      )}
    </section>
  );
}
