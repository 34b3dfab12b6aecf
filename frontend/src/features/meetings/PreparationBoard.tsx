import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { formatDateTime, formatRelative } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useSubmitPreparation } from './api/submitPreparation';
import type { MeetingDetail, PrepItem, PrepKind } from './types';

const BODY_MAX = 50000;

/** Whose part each is: the police table by a police member, the CSR table by a CSR member, the registry check by the chair. */
function owes(kind: PrepKind, role: MeetingDetail['my_role'], agencyType: string | undefined): boolean {
  if (kind === 'registry_check') return role === 'chair';
  return role === 'member' && agencyType === (kind === 'police_table' ? 'police' : 'csr');
}

/**
 * What has arrived for the meeting and what is missing: by 10:00 the day before the police's
 * table of new cases and the CSR's table of ongoing cases, by 15:00 the registry's check.
 */
export function PreparationBoard({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const agencies = useAgencies().data?.items ?? [];
  const agencyType = agencies.find((a) => String(a.id) === String(me?.agency_id ?? ''))?.type;
  const open = meeting.status === 'planned';
  const missing = meeting.preparation.filter((p) => !p.submitted_at).length;
  return (
    <section className="meeting-prep" aria-labelledby="prep-title">
      <h2 id="prep-title">{t('meetings.prep.title')}</h2>
      <p className="muted">{missing === 0 ? t('meetings.prep.allArrived') : t('meetings.prep.missing', { count: missing })}</p>
      <ul className="meeting-prep__list">
        {meeting.preparation.map((p) => (
          <PrepCard key={p.kind} meetingId={meeting.id} item={p} mine={open && owes(p.kind, meeting.my_role, agencyType)} />
        ))}
      </ul>
    </section>
  );
}

function PrepState({ item }: { item: PrepItem }) {
  const { t } = useTranslation();
  if (item.submitted_at)
    return (
      <span className={`tag meeting-tag ${item.late ? 'tag--urgent' : 'tag--ok'}`}>
        <span aria-hidden="true">{item.late ? '⚠ ' : '✓ '}</span>
        {item.late ? t('meetings.prep.arrivedLate') : t('meetings.prep.arrived')}
      </span>
    );
  return (
    <span className={`tag meeting-tag ${item.late ? 'tag--urgent' : 'tag--neutral'}`}>
      <span aria-hidden="true">{item.late ? '⚠ ' : '○ '}</span>
      {item.late ? t('meetings.prep.missingLate') : t('meetings.prep.notYet')}
    </span>
  );
}

function PrepCard({ meetingId, item, mine }: { meetingId: string; item: PrepItem; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headingId = `prep-${item.kind}`;
  return (
    <li className={`card meeting-prep__item${item.late ? ' meeting-prep__item--late' : ''}`}>
      <h3 id={headingId}>{t(`meetings.prep.kinds.${item.kind}`)}</h3>
      <p>
        <PrepState item={item} />
      </p>
      <p className="meeting-row__meta">
        {t('meetings.prep.due', { when: formatDateTime(item.due_at, lang) })} <span className="muted">({formatRelative(item.due_at, lang)})</span>
      </p>
      {item.submitted_at && (
        <p className="meeting-row__meta">{t('meetings.prep.sentBy', { name: item.submitted_by_name ?? '', when: formatDateTime(item.submitted_at, lang) })}</p>
      )}
      {item.body && (
        <details className="details">
          <summary>{t('meetings.prep.show')}</summary>
          <p className="prewrap">{item.body}</p>
        </details>
      )}
      {mine && <PrepForm meetingId={meetingId} item={item} />}
    </li>
  );
}

function PrepForm({ meetingId, item }: { meetingId: string; item: PrepItem }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const submit = useSubmitPreparation();
  const id = `prep-body-${item.kind}`;
  const [body, setBody] = useState(item.body ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState('');

  async function send(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    if (!body.trim()) {
      setErrors(fromFieldErrors({ [id]: t('meetings.prep.bodyRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await submit.mutateAsync({ meetingId, kind: item.kind, body: body.trim() });
      setSaved(t('meetings.prep.saved'));
      announce(t('meetings.prep.saved'));
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { body: id }, { forbidden: t(`meetings.prep.forbidden.${item.kind}`), conflict: t('meetings.prep.closed') }, { [id]: t('meetings.prep.bodyRequired') }),
      );
    }
  }

  return (
    <form onSubmit={send} noValidate className="form meeting-prep__form">
      <ErrorSummary items={errors.summary} />
      <TextAreaField
        id={id}
        label={item.submitted_at ? t('meetings.prep.replace') : t('meetings.prep.write')}
        hint={t(`meetings.prep.hints.${item.kind}`)}
        value={body}
        rows={6}
        maxLength={BODY_MAX}
        onChange={(e) => setBody(e.target.value)}
        error={errors.fields[id]}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submit.isPending}>
          {submit.isPending ? t('common.saving') : t('meetings.prep.send')}
        </button>
      </div>
      <p className="field-ok" role="status">
        {saved && (
          <>
            <span aria-hidden="true">✓ </span>
            {saved}
          </>
        )}
      </p>
    </form>
  );
}
