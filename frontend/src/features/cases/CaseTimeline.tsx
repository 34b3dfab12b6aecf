import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { belgradeLocalToUtc, formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { readableSensitivities } from '@/lib/roles';
import type { Entry, Sensitivity } from '@/lib/types';
import { useCreateEntry } from './api/createEntry';
import { useEntries } from './api/entries';
import { SensitivityMark } from './badges';
import { useCaseContext } from './CaseLayout';

export function CaseTimeline() {
  const { t } = useTranslation();
  const { kase, me } = useCaseContext();
  const caseId = String(kase.id);
  const entries = useEntries(caseId);
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const byId = new Map(items.map((e) => [String(e.id), e]));
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const formRef = useRef<HTMLTextAreaElement>(null);
  // Emergency access is for reading: the form is for members.
  const canWrite = kase.my_basis !== 'emergency';

  return (
    <>
      <section aria-labelledby="timeline-title">
        <div className="page-head">
          <h2 id="timeline-title">{t('timeline.title')}</h2>
          {canWrite && items.length > 2 && (
            <a
              href="#entry-body"
              className="button button--secondary button--small"
              onClick={(e) => {
                e.preventDefault();
                formRef.current?.focus();
                formRef.current?.scrollIntoView({ block: 'center' });
              }}
            >
              {t('timeline.jumpToForm')}
            </a>
          )}
        </div>
        {entries.isPending ? (
          <SkeletonList rows={4} />
        ) : entries.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : items.length === 0 ? (
          <p className="muted">{t('timeline.none')}</p>
        ) : (
          <>
            <ol className="timeline">
              {items.map((e) => (
                <EntryItem
                  key={e.id}
                  entry={e}
                  original={e.corrects_id ? byId.get(String(e.corrects_id)) : undefined}
                  canCorrect={canWrite}
                  onCorrect={() => {
                    setCorrecting(e);
                    window.setTimeout(() => formRef.current?.focus(), 0);
                  }}
                />
              ))}
            </ol>
            {entries.hasNextPage && (
              <div className="load-more">
                <button type="button" className="button button--secondary" onClick={() => entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
                  {entries.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      {canWrite && (
        <NewEntryForm
          caseId={caseId}
          allowed={readableSensitivities(me.roles)}
          incidents={kase.category === 'domestic_violence'}
          correcting={correcting}
          onCancelCorrection={() => setCorrecting(null)}
          onSaved={() => setCorrecting(null)}
          textareaRef={formRef}
        />
      )}
    </>
  );
}

function EntryItem({ entry, original, canCorrect, onCorrect }: { entry: Entry; original?: Entry; canCorrect: boolean; onCorrect: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`entry entry--${entry.sensitivity}`} id={`entry-${entry.id}`}>
      <div className="entry__head">
        <SensitivityMark sensitivity={entry.sensitivity} />
        <span className="entry__meta">
          <strong>{entry.author_name}</strong> · <time dateTime={entry.created_at}>{formatDateTime(entry.created_at, i18n.language)}</time>
        </span>
      </div>
      {entry.corrects_id && (
        <p className="entry__correction">
          <span aria-hidden="true">↺ </span>
          {original ? (
            <a href={`#entry-${original.id}`}>{t('timeline.correctionOf', { date: formatDateTime(original.created_at, i18n.language) })}</a>
          ) : (
            t('timeline.correctionOfHidden')
          )}
        </p>
      )}
      {entry.incident_at && (
        <p className="entry__incident">
          <span className="tag tag--urgent">
            <span aria-hidden="true">⚠ </span>
            {t('timeline.incident')}
          </span>{' '}
          {t('timeline.incidentWhen', { when: formatDateTime(entry.incident_at, i18n.language) })}
        </p>
      )}
      <p className="entry__body">{entry.body}</p>
      {canCorrect && (
        <button type="button" className="link-button" onClick={onCorrect}>
          {t('timeline.correct')}
          <span className="visually-hidden"> — {t('timeline.entryFrom', { date: formatDateTime(entry.created_at, i18n.language) })}</span>
        </button>
      )}
    </li>
  );
}

type FormProps = {
  caseId: string;
  allowed: Sensitivity[];
  correcting: Entry | null;
  onCancelCorrection: () => void;
  onSaved: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Domestic-violence cases: the entry may record an incident, with when it happened. */
  incidents?: boolean;
};

export function NewEntryForm({ caseId, allowed, correcting, onCancelCorrection, onSaved, textareaRef, incidents = false }: FormProps) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateEntry();
  const initialSensitivity = correcting && allowed.includes(correcting.sensitivity) ? correcting.sensitivity : 'general';
  const [body, setBody] = useState('');
  const [sensitivity, setSensitivity] = useState<Sensitivity>(initialSensitivity);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [incident, setIncident] = useState(false);
  const [incidentAt, setIncidentAt] = useState('');
  // A correction keeps the sensitivity of what it corrects; what was typed stays.
  const [shownFor, setShownFor] = useState(correcting?.id);
  if (shownFor !== correcting?.id) {
    setShownFor(correcting?.id);
    setSensitivity(initialSensitivity);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!body.trim()) missing['entry-body'] = t('timeline.bodyRequired');
    const when = incident ? belgradeLocalToUtc(incidentAt) : '';
    if (incident && !when) missing['entry-incident-at'] = t('timeline.incidentAtRequired');
    if (Object.keys(missing).length > 0) {
      setErrors(fromFieldErrors(missing));
      return;
    }
    setErrors(noErrors);
    try {
      await create.mutateAsync({ caseId, body: body.trim(), sensitivity, ...(correcting ? { corrects_id: String(correcting.id) } : {}), ...(when ? { incident_at: when } : {}) });
      setBody('');
      setIncident(false);
      setIncidentAt('');
      announce(t('timeline.saved'));
      onSaved();
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { body: 'entry-body', sensitivity: 'entry-sensitivity', corrects_id: 'entry-body', incident_at: 'entry-incident-at' }, {}, {
          'entry-sensitivity': t('timeline.sensitivityNotAllowed'),
        }),
      );
    }
  }

  return (
    <section className="card" aria-labelledby="entry-form-title">
      <h2 id="entry-form-title">{correcting ? t('timeline.correctTitle') : t('timeline.addTitle')}</h2>
      {correcting && (
        <Notice title={t('timeline.correcting', { date: formatDateTime(correcting.created_at, i18n.language) })}>
          <p className="entry__quote">{correcting.body}</p>
          <p>{t('timeline.correctingHelp')}</p>
          <button type="button" className="button button--secondary button--small" onClick={onCancelCorrection}>
            {t('timeline.cancelCorrection')}
          </button>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextAreaField id="entry-body" ref={textareaRef} label={t('timeline.body')} hint={t('timeline.bodyHint')} value={body} onChange={(e) => setBody(e.target.value)} error={errors.fields['entry-body']} />
        <SelectField
          id="entry-sensitivity"
          label={t('timeline.sensitivity')}
          hint={t('timeline.sensitivityHint')}
          value={sensitivity}
          onChange={(e) => setSensitivity(e.target.value as Sensitivity)}
          error={errors.fields['entry-sensitivity']}
        >
          {allowed.map((s) => (
            <option key={s} value={s}>
              {t(`sensitivityOption.${s}`)}
            </option>
          ))}
        </SelectField>
        {incidents && (
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" checked={incident} onChange={(e) => setIncident(e.target.checked)} />
              {t('timeline.isIncident')}
            </label>
            <p className="field__hint">{t('timeline.isIncidentHint')}</p>
          </div>
        )}
        {incidents && incident && (
          <TextField
            id="entry-incident-at"
            type="datetime-local"
            label={t('timeline.incidentAt')}
            value={incidentAt}
            onChange={(e) => setIncidentAt(e.target.value)}
            error={errors.fields['entry-incident-at']}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : correcting ? t('timeline.saveCorrection') : t('timeline.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
