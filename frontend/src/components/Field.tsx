import type { ComponentPropsWithRef, ReactNode, SelectHTMLAttributes } from 'react';

type Common = { id: string; label: ReactNode; hint?: ReactNode; error?: string };

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The hint and the error under a label; describedBy points at them. */
function FieldMessages({ id, hint, error }: Pick<Common, 'id' | 'hint' | 'error'>) {
  return (
    <>
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
    </>
  );
}

function FieldShell({ id, label, hint, error, children }: Common & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A labelled text input with its hint and error, wired for screen readers. */
export function TextField({ id, label, hint, error, className, ...input }: Common & Omit<ComponentPropsWithRef<'input'>, 'id'>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={id}
        className={`input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

/** A field for the 6-digit code of an authenticator app (or a recovery code). */
export function CodeField(props: Common & Omit<ComponentPropsWithRef<'input'>, 'id'>) {
  return <TextField inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={7} className="input--code" {...props} />;
}

export function SelectField({ id, label, hint, error, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select id={id} name={id} className="input select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
    </FieldShell>
  );
}

type CheckboxGroupProps = {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: ReactNode }[];
  value: string[];
  onChange: (next: string[]) => void;
};

/** A fieldset of checkboxes (roles); the first box carries the id the error summary links to. */
export function CheckboxGroup({ id, legend, hint, error, options, value, onChange }: CheckboxGroupProps) {
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend className="field__label">{legend}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      <div className="checkboxes">
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={boxId}
                name={id}
                value={o.value}
                checked={value.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
              />
              <label htmlFor={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A labelled multi-line text box (entries, reasons, notes). */
export function TextAreaField({ id, label, hint, error, className, ...area }: Common & Omit<ComponentPropsWithRef<'textarea'>, 'id'>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        rows={5}
        className={`input textarea${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...area}
      />
    </FieldShell>
  );
}
