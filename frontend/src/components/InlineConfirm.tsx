import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The question, in words that name who or what is affected ("Remove Jelena from the case?"). */
  question: ReactNode;
  /** What happens next, if it helps to say so. */
  detail?: ReactNode;
  /** The destructive button says what it does ("Yes, remove"), never just "OK". */
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * The inline confirmation for a destructive action (after the admin's "deactivate"): it
 * replaces the button that asked for it, takes focus on its safe choice (Cancel), and Escape
 * cancels. The caller gives focus back to its button on cancel.
 */
export function InlineConfirm({ question, detail, confirmLabel, pending = false, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const questionId = `confirm-${useId()}`;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div
      className="confirm"
      role="group"
      aria-labelledby={questionId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !pending) {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p id={questionId} className="confirm__question">
        <span aria-hidden="true">⚠ </span>
        <strong>{question}</strong>
      </p>
      {detail && <p className="confirm__detail">{detail}</p>}
      <div className="button-row confirm__actions">
        <button type="button" className="button button--warning" disabled={pending} onClick={onConfirm}>
          {pending ? t('common.working') : confirmLabel}
        </button>
        <button type="button" className="button button--secondary" ref={cancelRef} onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
