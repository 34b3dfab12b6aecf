import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { belgradeLocalToUtc } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { AGENCY_TYPES } from '@/lib/types';
import { useAddAction } from './api/addAction';
import { useKnownPeople } from './people';
import { addDays, belgradeToday } from './time';
import type { AgendaItem, MeetingDetail } from './types';

const TITLE_MAX = 500;

/** An action the group gives on this item: what, which agency and which of its workers, by when. */
export function ActionForm({ meeting, item }: { meeting: MeetingDetail; item: AgendaItem }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddAction();
  const agencies = useAgencies();
  const known = useKnownPeople(meeting, item.case_id);
  const ids = {
    title: `action-title-${item.id}`,
    agency: `action-agency-${item.id}`,
    assignee: `action-assignee-${item.id}`,
    date: `action-date-${item.id}`,
    time: `action-time-${item.id}`,
  };
  const [title, setTitle] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [date, setDate] = useState(() => addDays(belgradeToday(), 7));
  const [time, setTime] = useState('12:00');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const choices = (agencies.data?.items ?? []).filter((a) => a.type !== 'system');
  const byType = AGENCY_TYPES.map((type) => ({ type, items: choices.filter((a) => a.type === type).sort((a, b) => a.name.localeCompare(b.name, 'sr')) })).filter((g) => g.items.length > 0);
  const people = known.people.filter((p) => agencyId && String(p.agencyId) === agencyId);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    if (!title.trim()) f[ids.title] = t('meetings.actions.titleRequired');
    if (!agencyId) f[ids.agency] = t('meetings.actions.agencyRequired');
    if (!assigneeId) f[ids.assignee] = t('meetings.actions.assigneeRequired');
    const due = date && time ? belgradeLocalToUtc(`${date}T${time}`) : '';
    if (!due) f[ids.date] = t('meetings.actions.dueRequired');
    else if (new Date(due).getTime() <= Date.now()) f[ids.date] = t('meetings.actions.duePast');
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
      await add.mutateAsync({ meetingId: meeting.id, itemId: item.id, title: title.trim(), agency_id: agencyId, assignee_id: assigneeId, due_at: belgradeLocalToUtc(`${date}T${time}`) });
      announce(t('meetings.actions.saved', { title: title.trim() }));
      setTitle('');
      setAssigneeId('');
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          { title: ids.title, agency_id: ids.agency, assignee_id: ids.assignee, due_at: ids.date },
          { conflict: t('meetings.notRunning') },
          {
            [ids.title]: t('meetings.actions.titleRequired'),
            [ids.agency]: t('meetings.actions.agencyRequired'),
            [ids.assignee]: t('meetings.actions.assigneeInvalid'),
            [ids.date]: t('meetings.actions.duePast'),
          },
        ),
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form meeting-form" aria-label={t('meetings.actions.formLabel', { title: item.title })}>
      <ErrorSummary items={errors.summary} />
      <TextField id={ids.title} label={t('meetings.actions.what')} value={title} maxLength={TITLE_MAX} onChange={(e) => setTitle(e.target.value)} error={errors.fields[ids.title]} autoComplete="off" />
      <div className="meeting-when">
        <SelectField
          id={ids.agency}
          label={t('meetings.actions.agency')}
          value={agencyId}
          onChange={(e) => {
            setAgencyId(e.target.value);
            setAssigneeId('');
          }}
          error={errors.fields[ids.agency]}
        >
          <option value="">{agencies.isPending ? t('common.loading') : t('meetings.actions.chooseAgency')}</option>
          {byType.map((g) => (
            <optgroup key={g.type} label={t(`agencyTypes.${g.type}`)}>
              {g.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField
          id={ids.assignee}
          label={t('meetings.actions.assignee')}
          hint={agencyId && people.length === 0 ? t('meetings.actions.nobodyKnown') : undefined}
          value={assigneeId}
          onChange={(e) => setAssigneeId(e.target.value)}
          error={errors.fields[ids.assignee]}
        >
          <option value="">{!agencyId ? t('meetings.actions.agencyFirst') : t('meetings.actions.choosePerson')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="meeting-when">
        <TextField id={ids.date} type="date" label={t('meetings.actions.dueDate')} value={date} onChange={(e) => setDate(e.target.value)} error={errors.fields[ids.date]} />
        <TextField id={ids.time} type="time" label={t('meetings.actions.dueTime')} value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary meeting-big" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('meetings.actions.submit')}
        </button>
      </div>
    </form>
  );
}
