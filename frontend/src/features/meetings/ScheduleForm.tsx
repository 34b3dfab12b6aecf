import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField, TextField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { isApiError } from '@/lib/api';
import { belgradeLocalToUtc, formatDate, formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useScheduleMeeting } from './api/scheduleMeeting';
import { addDays, belgradeParts, calendarDays, MAX_DAYS } from './time';
import type { Cadence, CoordinationGroup, Meeting } from './types';

const LOCATION_MAX = 200;
const REASON_MAX = 2000;

/** The latest meeting, held or planned (not cancelled), that starts before an instant. */
export function previousMeeting(meetings: readonly Meeting[], startsAt: string): Meeting | null {
  const at = new Date(startsAt).getTime();
  let best: Meeting | null = null;
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const t = new Date(m.starts_at).getTime();
    if (t < at && (!best || t > new Date(best.starts_at).getTime())) best = m;
  }
  return best;
}

/**
 * The date the form offers: the server's proposal (the last meeting's weekday and time two
 * weeks on), or two weeks after a meeting already planned at that time or later.
 */
export function proposedStart(cadence: Cadence | undefined, meetings: readonly Meeting[]): string | null {
  const latest = meetings.filter((m) => m.status !== 'cancelled').sort((a, b) => b.starts_at.localeCompare(a.starts_at))[0];
  const proposed = cadence?.proposed_at ?? null;
  if (latest && (!proposed || new Date(proposed) <= new Date(latest.starts_at))) {
    const p = belgradeParts(latest.starts_at);
    return belgradeLocalToUtc(`${addDays(p.date, 14)}T${p.time}`);
  }
  return proposed;
}

type Props = { group: CoordinationGroup; meetings: readonly Meeting[]; cadence?: Cadence; now?: Date };

/**
 * The chair plans the group's next meeting: day and time (Belgrade), place, and, when the day is
 * more than 15 days after the previous meeting, the reason (the law asks for a meeting at least
 * every 15 days; the server refuses a late one without it).
 */
export function ScheduleForm({ group, meetings, cadence, now }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const schedule = useScheduleMeeting();
  const ids = { date: `schedule-date-${group.id}`, time: `schedule-time-${group.id}`, location: `schedule-location-${group.id}`, reason: `schedule-reason-${group.id}` };
  const [initial] = useState(() => {
    const p = proposedStart(cadence, meetings);
    const latest = [...meetings].sort((a, b) => b.starts_at.localeCompare(a.starts_at))[0];
    return { ...(p ? belgradeParts(p) : { date: '', time: '10:00' }), location: latest?.location ?? '' };
  });
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [location, setLocation] = useState(initial.location);
  const [reason, setReason] = useState('');
  const [serverWantsReason, setServerWantsReason] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const startsAt = date && time ? belgradeLocalToUtc(`${date}T${time}`) : '';
  const previous = startsAt ? previousMeeting(meetings, startsAt) : null;
  const gap = previous && startsAt ? calendarDays(previous.starts_at, startsAt) : null;
  const lastDay = previous ? addDays(belgradeParts(previous.starts_at).date, MAX_DAYS) : '';
  const needsReason = (gap !== null && gap > MAX_DAYS) || serverWantsReason;
  const lang = i18n.language;

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!date) f[ids.date] = t('meetings.schedule.dateRequired');
    else if (!time) f[ids.time] = t('meetings.schedule.timeRequired');
    else if (!startsAt) f[ids.date] = t('meetings.schedule.dateInvalid');
    else if (new Date(startsAt).getTime() <= (now ?? new Date()).getTime()) f[ids.date] = t('meetings.schedule.datePast');
    if (location.trim().length > LOCATION_MAX) f[ids.location] = t('meetings.schedule.locationTooLong', { max: LOCATION_MAX });
    if (needsReason && !reason.trim()) f[ids.reason] = t('meetings.schedule.reasonRequired', { max: MAX_DAYS, last: lastDay ? formatDate(lastDay, lang) : '' });
    else if (reason.trim().length > REASON_MAX) f[ids.reason] = t('meetings.schedule.reasonTooLong');
    return f;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const f = check();
    if (Object.keys(f).length > 0) {
      setErrors(fromFieldErrors(f));
      return;
    }
    setErrors(noErrors);
    try {
      const m = await schedule.mutateAsync({
        groupId: group.id,
        starts_at: startsAt,
        location: location.trim() || undefined,
        reason: needsReason ? reason.trim() : undefined,
      });
      announce(t('meetings.schedule.done', { when: formatDateTime(m.starts_at, lang) }));
      navigate(`/meetings/${m.id}`);
    } catch (err) {
      // The 15-day rule counted by the server: ask for the reason too.
      const late = isApiError(err) && /15/.test(err.fieldMessage('starts_at') ?? '');
      if (late) setServerWantsReason(true);
      setErrors(
        problemToErrors(
          err,
          t,
          { starts_at: ids.date, location: ids.location, reason: ids.reason },
          { forbidden: t('meetings.schedule.forbidden'), not_found: t('meetings.groupGone') },
          {
            [ids.date]: late ? t('meetings.schedule.tooLate', { max: MAX_DAYS }) : t('meetings.schedule.datePast'),
            [ids.location]: t('meetings.schedule.locationTooLong', { max: LOCATION_MAX }),
            [ids.reason]: t('meetings.schedule.reasonTooLong'),
          },
        ),
      );
    }
  }

  return (
    <section className="card meeting-schedule" aria-labelledby={`schedule-title-${group.id}`}>
      <h3 id={`schedule-title-${group.id}`}>{t('meetings.schedule.title')}</h3>
      <p className="muted">{t('meetings.schedule.intro', { max: MAX_DAYS })}</p>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <div className="meeting-when">
          <TextField id={ids.date} type="date" label={t('meetings.schedule.date')} value={date} onChange={(e) => setDate(e.target.value)} error={errors.fields[ids.date]} />
          <TextField id={ids.time} type="time" label={t('meetings.schedule.time')} value={time} onChange={(e) => setTime(e.target.value)} error={errors.fields[ids.time]} />
        </div>
        <p className="muted small">{t('meetings.schedule.timeHint')}</p>
        {gap !== null && previous && (
          <p className={gap > MAX_DAYS ? 'meeting-late' : 'muted'} id={`schedule-gap-${group.id}`} aria-live="polite">
            {gap > MAX_DAYS && <span aria-hidden="true">⚠ </span>}
            {t('meetings.schedule.gap', { count: gap, previous: formatDate(previous.starts_at, lang) })}
          </p>
        )}
        <TextField
          id={ids.location}
          label={t('meetings.schedule.location')}
          value={location}
          maxLength={LOCATION_MAX}
          autoComplete="off"
          onChange={(e) => setLocation(e.target.value)}
          error={errors.fields[ids.location]}
        />
        {needsReason && (
          <TextAreaField
            id={ids.reason}
            label={t('meetings.schedule.reason')}
            hint={lastDay ? t('meetings.schedule.reasonHint', { max: MAX_DAYS, last: formatDate(lastDay, lang) }) : t('meetings.schedule.reasonHintShort', { max: MAX_DAYS })}
            value={reason}
            maxLength={REASON_MAX}
            rows={3}
            required
            aria-required="true"
            onChange={(e) => setReason(e.target.value)}
            error={errors.fields[ids.reason]}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={schedule.isPending}>
            {schedule.isPending ? t('common.saving') : t('meetings.schedule.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
