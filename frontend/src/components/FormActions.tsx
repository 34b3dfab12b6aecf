import { useTranslation } from 'react-i18next';

type Props = {
  /** The mutation is running: the primary button is disabled and says so. */
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
};

/** The buttons under a short form: submit (primary) and cancel. */
export function FormActions({ pending, submitLabel, onCancel }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t('common.saving') : submitLabel}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
