import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';
const icons: Record<Tone, string> = { info: 'ℹ', success: '✓', warning: '⚠', error: '⚠' };

/** A calm panel with an icon and a word, never colour alone. */
export function Notice({ tone = 'info', title, children, role }: { tone?: Tone; title?: ReactNode; children?: ReactNode; role?: 'status' | 'alert' }) {
  return (
    <div className={`notice notice--${tone}`} role={role}>
      <span className="notice__icon" aria-hidden="true">
        {icons[tone]}
      </span>
      <div className="notice__body">
        {title && <p className="notice__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
