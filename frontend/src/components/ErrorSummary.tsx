import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type SummaryItem = { fieldId?: string; message: string };

/**
 * The box at the top of a form listing what to fix, each item linking to its field.
 * It takes focus when it appears so screen reader and keyboard users land on it.
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = `error-summary-${useId()}`;
  const key = items.map((i) => `${i.fieldId}:${i.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id={titleId}>
        {title ?? t('form.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {items.map((item, i) => (
          <li key={i}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(item.fieldId!);
                  el?.focus();
                  el?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
