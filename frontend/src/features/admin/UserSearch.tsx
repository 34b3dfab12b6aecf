import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SkeletonList } from '@/components/Skeleton';
import type { User } from '@/lib/types';
import { useUsers } from './api/users';

type Props = {
  id: string;
  label: string;
  /** Who may be offered among the active users found (not yet a member, the right role ...). */
  offer: (u: User) => boolean;
  noneFound: (q: string) => string;
  pending: boolean;
  onAdd: (u: User) => void;
};

/** Finds active users by name (GET /users?q=) and offers an "Add" button for each match. */
export function UserSearch({ id, label, offer, noneFound, pending, onAdd }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const users = useUsers(q);
  const candidates = (users.data?.pages.flatMap((p) => p.items) ?? []).filter((u) => u.active && offer(u)).slice(0, 10);
  return (
    <>
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        <div className="search__row">
          <input id={id} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} />
          <button type="submit" className="button button--secondary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {q &&
        (users.isPending ? (
          <SkeletonList rows={2} />
        ) : candidates.length === 0 ? (
          <p className="muted">{noneFound(q)}</p>
        ) : (
          <ul className="row-list">
            {candidates.map((u) => (
              <li key={u.id} className="row-list__item">
                <div className="row-list__text">
                  <span className="row-list__title">{u.display_name}</span>
                  <span className="row-list__meta">{u.username}</span>
                </div>
                <button type="button" className="button button--secondary button--small" disabled={pending} onClick={() => onAdd(u)}>
                  {t('admin.add')}
                  <span className="visually-hidden"> — {u.display_name}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
