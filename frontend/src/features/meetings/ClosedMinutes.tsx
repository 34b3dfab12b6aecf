import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useAddAddendum } from './api/addAddendum';
import { minutesPdfUrl } from './api/meeting';
import type { MeetingDetail } from './types';

/** Closed minutes: read only, the PDF (Cyrillic, the official script, or Latin), and addenda as corrections. */
export function ClosedMinutes({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="meeting-panel" aria-labelledby="closed-minutes-title">
      <h2 id="closed-minutes-title">{t('meetings.minutes.title')}</h2>
      {meeting.closed_at && <p className="muted">{t('meetings.minutes.closedAt', { when: formatDateTime(meeting.closed_at, i18n.language) })}</p>}
      <div className="button-row">
        <a className="button button--primary" href={minutesPdfUrl(meeting.id, 'cyrl')} download>
          {t('meetings.minutes.pdfCyrillic')}
        </a>
        <a className="button button--secondary" href={minutesPdfUrl(meeting.id, 'latn')} download>
          {t('meetings.minutes.pdfLatin')}
        </a>
      </div>
      <div className="minutes-text prewrap">
        {meeting.minutes}
      </div>
      <h3>{t('meetings.addenda.title')}</h3>
      {meeting.addenda.length === 0 ? (
        <p className="muted">{t('meetings.addenda.none')}</p>
      ) : (
        <ol className="meeting-records">
          {meeting.addenda.map((a) => (
            <li key={a.id} className="meeting-record">
              <p className="meeting-record__head muted">
                {a.author_name}, <time dateTime={a.created_at}>{formatDateTime(a.created_at, i18n.language)}</time>
              </p>
              <p className="prewrap meeting-record__body">{a.body}</p>
            </li>
          ))}
        </ol>
      )}
      {meeting.my_role === 'chair' && <AddendumForm meetingId={meeting.id} />}
    </section>
  );
}

function AddendumForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddAddendum();
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setErrors(fromFieldErrors({ addendum: t('meetings.addenda.required') }));
      return;
    }
    setErrors(noErrors);
    try {
      await add.mutateAsync({ meetingId, body: body.trim() });
      announce(t('meetings.addenda.saved'));
      setBody('');
    } catch (err) {
      setErrors(problemToErrors(err, t, { body: 'addendum' }, { conflict: t('meetings.addenda.conflict') }, { addendum: t('meetings.addenda.tooLong') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform" aria-labelledby="addendum-title">
      <h3 id="addendum-title">{t('meetings.addenda.add')}</h3>
      <ErrorSummary items={errors.summary} />
      <TextAreaField id="addendum" label={t('meetings.addenda.label')} hint={t('meetings.addenda.hint')} value={body} rows={4} maxLength={20000} onChange={(e) => setBody(e.target.value)} error={errors.fields.addendum} />
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('meetings.addenda.submit')}
        </button>
      </div>
    </form>
  );
}
