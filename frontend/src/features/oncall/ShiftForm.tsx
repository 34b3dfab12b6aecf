import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { belgradeLocalToUtc, formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useAddShift, useRefreshRota } from './api/addShift';
import { addDaysLocal } from './time';
import { useAgencyWorkers } from './workers';

/** The longest shift the server takes, and how many more nights one submission may add. */
const MAX_SHIFT_MS = 7 * 86_400_000;
export const MAX_REPEAT = 13;

/** The server's field names (problem+json errors[].field) and the inputs they belong to. */
const FIELD_IDS = { starts_at: 'shift-start', ends_at: 'shift-end', oncall_user_id: 'shift-oncall', backup_user_id: 'shift-backup', head_user_id: 'shift-head' };

/**
 * A team lead's (or an admin's) form for one more stretch of an agency's rota: start and end
 * as Belgrade wall-clock times (sent as UTC), who is on call, an optional backup and head of
 * service, and optionally the same hours on the next few days, posted one by one.
 */
export function ShiftForm({ agencyId }: { agencyId: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { workers, isPending: workersPending } = useAgencyWorkers(agencyId);
  const add = useAddShift();
  const refreshRota = useRefreshRota();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [oncall, setOncall] = useState('');
  const [backup, setBackup] = useState('');
  const [head, setHead] = useState('');
  const [repeat, setRepeat] = useState('0');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [sending, setSending] = useState(false);

  function check(): FieldErrors {
    const f: FieldErrors = {};
    const s = belgradeLocalToUtc(start);
    const e = belgradeLocalToUtc(end);
    if (!s) f['shift-start'] = t('oncall.form.startRequired');
    if (!e) f['shift-end'] = t('oncall.form.endRequired');
    else if (s && Date.parse(e) <= Date.parse(s)) f['shift-end'] = t('oncall.form.endAfterStart');
    else if (s && Date.parse(e) - Date.parse(s) > MAX_SHIFT_MS) f['shift-end'] = t('oncall.form.tooLong');
    if (!oncall) f['shift-oncall'] = t('oncall.form.oncallRequired');
    if (!/^\d{1,2}$/.test(repeat.trim()) || Number(repeat) > MAX_REPEAT) f['shift-repeat'] = t('oncall.form.repeatInvalid', { max: MAX_REPEAT });
    return f;
  }

  function serverErrors(err: unknown): FormErrors {
    return problemToErrors(
      err,
      t,
      FIELD_IDS,
      { forbidden: t('oncall.form.forbidden'), not_found: t('oncall.form.agencyGone') },
      {
        'shift-start': t('oncall.form.overlaps'),
        'shift-end': t('oncall.form.endInvalid'),
        'shift-oncall': t('oncall.form.workerInvalid'),
        'shift-backup': t('oncall.form.workerInvalid'),
        'shift-head': t('oncall.form.workerInvalid'),
      },
    );
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const f = check();
    if (Object.keys(f).length > 0) {
      setErrors(fromFieldErrors(f));
      return;
    }
    setErrors(noErrors);
    setSending(true);
    const total = 1 + Number(repeat);
    let added = 0;
    try {
      for (let i = 0; i < total; i++) {
        const startsAt = belgradeLocalToUtc(addDaysLocal(start, i));
        try {
          await add.mutateAsync({
            agencyId,
            starts_at: startsAt,
            ends_at: belgradeLocalToUtc(addDaysLocal(end, i)),
            oncall_user_id: oncall,
            ...(backup ? { backup_user_id: backup } : {}),
            ...(head ? { head_user_id: head } : {}),
          });
          added++;
        } catch (err) {
          if (added === 0) {
            setErrors(serverErrors(err));
          } else {
            // The first nights are on the rota: say which one stopped the run, and why.
            const why = serverErrors(err).summary.map((s) => s.message).join(' ');
            setErrors({ fields: {}, summary: [{ message: t('oncall.form.partial', { count: added, when: formatDateTime(startsAt, i18n.language), why }) }] });
          }
          return;
        }
      }
      announce(t('oncall.form.added', { count: added }));
      setStart('');
      setEnd('');
      setRepeat('0');
    } finally {
      setSending(false);
      if (added > 0) void refreshRota();
    }
  }

  const workerOptions = workers.map((w) => (
    <option key={w.id} value={String(w.id)}>
      {w.display_name}
    </option>
  ));
  const placeholder = (label: string) => <option value="">{workersPending ? t('common.loading') : label}</option>;

  return (
    <section className="card" aria-labelledby="shift-form-title">
      <h2 id="shift-form-title">{t('oncall.form.title')}</h2>
      <p>{t('oncall.form.intro')}</p>
      <ErrorSummary items={errors.summary} />
      {!workersPending && workers.length === 0 && <Notice tone="warning">{t('oncall.form.noWorkers')}</Notice>}
      <form onSubmit={submit} noValidate className="form">
        <div className="shift-times">
          <TextField id="shift-start" type="datetime-local" label={t('oncall.form.start')} hint={t('oncall.form.timeHint')} value={start} onChange={(e) => setStart(e.target.value)} error={errors.fields['shift-start']} />
          <TextField id="shift-end" type="datetime-local" label={t('oncall.form.end')} hint={t('oncall.form.endHint')} value={end} onChange={(e) => setEnd(e.target.value)} error={errors.fields['shift-end']} />
        </div>
        <SelectField id="shift-oncall" label={t('oncall.form.oncall')} hint={t('oncall.form.oncallHint')} value={oncall} onChange={(e) => setOncall(e.target.value)} error={errors.fields['shift-oncall']}>
          {placeholder(t('oncall.form.choose'))}
          {workerOptions}
        </SelectField>
        <SelectField id="shift-backup" label={t('oncall.form.backup')} hint={t('oncall.form.backupHint')} value={backup} onChange={(e) => setBackup(e.target.value)} error={errors.fields['shift-backup']}>
          {placeholder(t('oncall.form.nobody'))}
          {workerOptions}
        </SelectField>
        <SelectField id="shift-head" label={t('oncall.form.head')} hint={t('oncall.form.headHint')} value={head} onChange={(e) => setHead(e.target.value)} error={errors.fields['shift-head']}>
          {placeholder(t('oncall.form.nobody'))}
          {workerOptions}
        </SelectField>
        <TextField
          id="shift-repeat"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={2}
          className="input--short"
          label={t('oncall.form.repeat')}
          hint={t('oncall.form.repeatHint', { max: MAX_REPEAT })}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={errors.fields['shift-repeat']}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('common.saving') : t('oncall.form.submit', { count: 1 + (Number(repeat) || 0) })}
          </button>
        </div>
      </form>
    </section>
  );
}
