import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/Field';
import { localToUtc, utcToBelgradeLocal } from './time';

/**
 * A date and time the user reports (an order issued, served, a breach), typed as Belgrade
 * time; it may not lie in the future, so the picker stops at now.
 */
export function DateTimeField({ id, label, hint, value, onChange, error, optional = false }: {
  id: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      type="datetime-local"
      className="input--datetime"
      label={optional ? t('protection.time.optionalLabel', { label }) : label}
      hint={hint ?? t('protection.time.hint')}
      value={value}
      max={utcToBelgradeLocal(new Date())}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}

/** Now, as a Belgrade `datetime-local` value: the default for "when did it happen". */
export function nowLocal(): string {
  return utcToBelgradeLocal(new Date());
}

/** A reported time's problem in words, or undefined when it is fine. */
export function checkReportedTime(local: string, t: TFunction, { required = true } = {}): string | undefined {
  if (!local) return required ? t('protection.time.required') : undefined;
  const utc = localToUtc(local);
  if (!utc) return t('protection.time.invalid');
  if (new Date(utc).getTime() > Date.now()) return t('protection.time.future');
  return undefined;
}

/** The server's words on a time field (English), put in the user's language where we know the rule. */
export function wordTimeError(message: string, t: TFunction): string {
  if (/future/i.test(message)) return t('protection.time.future');
  if (/cannot be before/i.test(message)) return t('protection.time.beforeStep');
  if (/RFC 3339|Give the date/i.test(message)) return t('protection.time.required');
  if (/expired at/i.test(message)) return t('protection.time.afterExpiry');
  if (/3 days to appeal/i.test(message)) return t('protection.time.appealLate');
  return message;
}

type Option<V extends string> = { value: V; label: ReactNode };

/** Radios in a fieldset; the first radio carries the id the error summary links to. */
export function RadioGroup<V extends string>({ id, legend, hint, error, options, value, onChange, inline = false }: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: Option<V>[];
  value: V | '';
  onChange: (v: V) => void;
  inline?: boolean;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <div className={`checkboxes${inline ? ' dv-radios--inline' : ''}`}>
        {options.map((o, i) => {
          const radioId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="checkbox" key={o.value}>
              <input type="radio" id={radioId} name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} aria-invalid={error ? true : undefined} />
              <label htmlFor={radioId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
