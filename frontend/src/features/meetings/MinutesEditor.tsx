import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { InlineConfirm } from '@/components/InlineConfirm';
import { useAnnounce } from '@/components/Status';
import { formatDate, formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useCloseMeeting } from './api/closeMeeting';
import { orderedItems } from './agendaOrder';
import type { MeetingDetail } from './types';

const MINUTES_MAX = 100000;

/** A first draft of the minutes from what was recorded: who came, each item's decisions and actions, the reviews. */
export function minutesDraft(d: MeetingDetail, t: TFunction, lang: string): string {
  const lines: string[] = [t('meetings.minutes.draft.heading', { group: d.group_name, when: formatDateTime(d.starts_at, lang) })];
  if (d.location) lines.push(t('meetings.minutes.draft.location', { location: d.location }));
  const present = d.attendance.filter((a) => a.presence === 'present').map((a) => a.display_name);
  const apologies = d.attendance.filter((a) => a.presence === 'apologies').map((a) => a.display_name);
  if (present.length) lines.push(t('meetings.minutes.draft.present', { names: present.join(', ') }));
  if (apologies.length) lines.push(t('meetings.minutes.draft.apologies', { names: apologies.join(', ') }));
  lines.push('');
  orderedItems(d.items).forEach((it, i) => {
    lines.push(`${i + 1}. ${it.title}${it.repeat ? ` (${t('meetings.agenda.repeat')})` : ''}`);
    for (const r of it.records) lines.push(`   ${t(`meetings.records.kinds.${r.kind}`)}: ${r.body}`);
    for (const a of it.actions) lines.push(`   ${t('meetings.minutes.draft.action', { title: a.title, agency: a.agency_name, name: a.assignee_name, due: formatDate(a.due_at, lang) })}`);
  });
  const reviewed = d.actions_to_review.filter((a) => a.outcome);
  if (reviewed.length) {
    lines.push('', t('meetings.minutes.draft.reviewed'));
    for (const a of reviewed) lines.push(`   ${a.title}: ${t(`meetings.review.outcomes.${a.outcome}`)}`);
  }
  return lines.join('\n');
}

/** The minutes, then closing the meeting: a meeting cannot be closed without them, and after it they never change. */
export function MinutesEditor({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const close = useCloseMeeting();
  const [minutes, setMinutes] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const closeRef = useRef<HTMLButtonElement>(null);

  const fillDraft = () => {
    const draft = minutesDraft(meeting, t, i18n.language);
    setMinutes((m) => (m.trim() ? `${m.trimEnd()}\n\n${draft}` : draft));
    announce(t('meetings.minutes.drafted'));
  };

  function ask(e: FormEvent) {
    e.preventDefault();
    if (!minutes.trim()) {
      setErrors(fromFieldErrors({ minutes: t('meetings.minutes.required') }));
      return;
    }
    setErrors(noErrors);
    setConfirming(true);
  }

  async function doClose() {
    try {
      await close.mutateAsync({ meetingId: meeting.id, minutes: minutes.trim() });
      announce(t('meetings.minutes.closed'));
    } catch (err) {
      setConfirming(false);
      // 422 on minutes: empty to the server (only spaces), or too long.
      const tooLong = minutes.trim().length > MINUTES_MAX;
      setErrors(problemToErrors(err, t, { minutes: 'minutes' }, { conflict: t('meetings.minutes.conflict') }, { minutes: tooLong ? t('meetings.minutes.tooLong') : t('meetings.minutes.required') }));
    }
  }

  return (
    <section className="meeting-panel" id="mm-minutes" aria-labelledby="minutes-title" tabIndex={-1}>
      <h2 id="minutes-title">{t('meetings.minutes.title')}</h2>
      <p className="muted">{t('meetings.minutes.intro')}</p>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={ask} noValidate className="form">
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={fillDraft}>
            {t('meetings.minutes.draftButton')}
          </button>
        </div>
        <TextAreaField
          id="minutes"
          label={t('meetings.minutes.label')}
          hint={t('meetings.minutes.hint')}
          className="minutes-editor"
          value={minutes}
          rows={14}
          maxLength={MINUTES_MAX}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.fields.minutes}
        />
        {confirming ? (
          <InlineConfirm
            question={t('meetings.minutes.confirmQuestion')}
            detail={t('meetings.minutes.confirmDetail')}
            confirmLabel={t('meetings.minutes.confirmYes')}
            pending={close.isPending}
            onConfirm={() => void doClose()}
            onCancel={() => {
              setConfirming(false);
              window.setTimeout(() => closeRef.current?.focus(), 0);
            }}
          />
        ) : (
          <div className="form__actions">
            <button type="submit" className="button button--primary meeting-big" ref={closeRef}>
              {t('meetings.minutes.close')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
