import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useAddRecord } from './api/addRecord';
import type { AgendaItem, MeetingRecord } from './types';

const BODY_MAX = 20000;

/** A note or a decision on the item now under discussion; once written it is never edited. */
export function RecordForm({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddRecord();
  const [kind, setKind] = useState<MeetingRecord['kind']>('decision');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const bodyId = `record-body-${item.id}`;
  const kindId = `record-kind-${item.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setErrors(fromFieldErrors({ [bodyId]: t(`meetings.records.required.${kind}`) }));
      return;
    }
    setErrors(noErrors);
    try {
      await add.mutateAsync({ meetingId, itemId: item.id, kind, body: body.trim() });
      announce(t(`meetings.records.saved.${kind}`, { title: item.title }));
      setBody('');
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { body: bodyId, kind: kindId }, { conflict: t('meetings.notRunning') }, { [bodyId]: t('meetings.records.tooLong'), [kindId]: t('meetings.records.kindRequired') }),
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form meeting-form" aria-label={t('meetings.records.formLabel', { title: item.title })}>
      <ErrorSummary items={errors.summary} />
      <fieldset className="field fieldset meeting-kind">
        <legend className="field__label">{t('meetings.records.kind')}</legend>
        <div className="meeting-kind__options">
          {(['decision', 'note'] as const).map((k, i) => (
            <div className="meeting-kind__option" key={k}>
              <input type="radio" id={i === 0 ? kindId : `${kindId}-${k}`} name={kindId} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={i === 0 ? kindId : `${kindId}-${k}`}>{t(`meetings.records.kinds.${k}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={bodyId}
        label={t(`meetings.records.body.${kind}`)}
        hint={t('meetings.records.hint')}
        value={body}
        rows={4}
        maxLength={BODY_MAX}
        onChange={(e) => setBody(e.target.value)}
        error={errors.fields[bodyId]}
      />
      <div className="button-row">
        <button type="submit" className="button button--primary meeting-big" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t(`meetings.records.submit.${kind}`)}
        </button>
      </div>
    </form>
  );
}
