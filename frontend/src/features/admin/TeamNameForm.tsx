import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';

type Props = {
  /** The input's id (the error summary links to it). */
  id: string;
  heading: string;
  submitLabel: string;
  initialName: string;
  pending: boolean;
  /** Saves the trimmed name and returns what to announce. */
  save: (name: string) => Promise<string>;
  /** Empty the field after saving (creating another team). */
  clearAfterSave?: boolean;
};

/** The one form for a team's name: creating a team and renaming one. */
export function TeamNameForm({ id, heading, submitLabel, initialName, pending, save, clearAfterSave }: Props) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [name, setName] = useState(initialName);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const headingId = `${id}-heading`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors(fromFieldErrors({ [id]: t('admin.teamNameRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      const message = await save(name.trim());
      if (clearAfterSave) setName('');
      announce(message);
    } catch (err) {
      setErrors(problemToErrors(err, t, { name: id }, { conflict: t('admin.teamNameTaken') }));
    }
  }
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id={id} label={t('admin.teamName')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields[id]} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
