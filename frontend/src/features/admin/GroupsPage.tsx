import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useGroups, useSaveGroup, useSetGroupMember, type GroupDetail } from './api/groups';
import { UserSearch } from './UserSearch';
import { useUsers } from './api/users';

/** "Kikinda, Čoka" ⇄ ["Kikinda", "Čoka"]. */
const toAreas = (s: string) => s.split(',').map((a) => a.trim()).filter(Boolean);

/**
 * The domestic-violence coordination groups: one per prosecutor's office area, with its chair
 * (a deputy public prosecutor), the municipalities of its area (which decide the cases it
 * sees) and its permanent members from the police and the CSRs.
 */
export function GroupsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.groups.title')}`);
  const groups = useGroups();
  return (
    <>
      <h1>{t('admin.groups.title')}</h1>
      <p className="muted">{t('admin.groups.explain')}</p>
      {groups.isPending && <SkeletonList rows={3} />}
      {groups.isError && <Notice tone="error">{t('errors.loadFailed')}</Notice>}
      {groups.data?.items.map((g) => <GroupCard key={g.id} group={g} />)}
      <GroupForm />
    </>
  );
}

/** The chairs to choose from: active users with the role coordination chair. */
function useChairs() {
  const users = useUsers('');
  return (users.data?.pages.flatMap((p) => p.items) ?? []).filter((u) => u.active && u.roles.includes('coordination_chair'));
}

function GroupForm({ group }: { group?: GroupDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const save = useSaveGroup();
  const chairs = useChairs();
  const prefix = group ? `group-${group.id}` : 'group-new';
  const [name, setName] = useState(group?.name ?? '');
  const [chair, setChair] = useState(group?.chair_id ?? '');
  const [areas, setAreas] = useState(group?.areas.join(', ') ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors(noErrors);
    save.mutate(
      { id: group?.id, name: name.trim(), chair_id: chair, areas: toAreas(areas) },
      {
        onSuccess: () => {
          announce(t('common.saved'));
          if (!group) {
            setName('');
            setChair('');
            setAreas('');
          }
        },
        onError: (err) => setErrors(problemToErrors(err, t, { name: `${prefix}-name`, chair_id: `${prefix}-chair`, areas: `${prefix}-areas` })),
      },
    );
  };
  return (
    <form className={group ? 'stack' : 'card stack'} onSubmit={submit} noValidate aria-labelledby={group ? undefined : 'group-new-title'}>
      {!group && <h2 id="group-new-title">{t('admin.groups.new')}</h2>}
      <ErrorSummary items={errors.summary} />
      <TextField id={`${prefix}-name`} label={t('admin.groups.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.fields[`${prefix}-name`]} />
      <SelectField id={`${prefix}-chair`} label={t('admin.groups.chair')} hint={t('admin.groups.chairHint')} value={chair} onChange={(e) => setChair(e.target.value)} error={errors.fields[`${prefix}-chair`]}>
        <option value="">{t('admin.groups.chooseChair')}</option>
        {group && !chairs.some((c) => String(c.id) === group.chair_id) && <option value={group.chair_id}>{group.chair_name}</option>}
        {chairs.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.display_name} ({c.username})
          </option>
        ))}
      </SelectField>
      <TextField id={`${prefix}-areas`} label={t('admin.groups.areas')} hint={t('admin.groups.areasHint')} value={areas} onChange={(e) => setAreas(e.target.value)} error={errors.fields[`${prefix}-areas`]} />
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {save.isPending ? t('common.saving') : group ? t('common.save') : t('admin.groups.create')}
      </button>
    </form>
  );
}

function GroupCard({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const member = useSetGroupMember();
  const [error, setError] = useState<FormErrors>(noErrors);
  const memberIds = new Set(group.members.map((m) => String(m.id)));
  const change = (userId: string, add: boolean, name: string) =>
    member.mutate(
      { id: group.id, userId, add },
      {
        onSuccess: () => announce(t(add ? 'admin.memberAdded' : 'admin.memberRemoved', { name })),
        onError: (e) => setError(problemToErrors(e, t, {}, { conflict: t('admin.alreadyMember') })),
      },
    );
  return (
    <section className="card" aria-labelledby={`group-${group.id}-title`}>
      <h2 id={`group-${group.id}-title`}>{group.name}</h2>
      <p>
        {t('admin.groups.chairIs', { name: group.chair_name })} · {t('admin.groups.areaIs', { areas: group.areas.join(', ') })}
      </p>
      <details>
        <summary>{t('admin.groups.edit')}</summary>
        <GroupForm group={group} />
      </details>
      <h3>{t('admin.groups.members', { count: group.members.length })}</h3>
      <ErrorSummary items={error.summary} />
      {group.members.length === 0 ? (
        <p className="muted">{t('admin.noMembers')}</p>
      ) : (
        <ul className="row-list">
          {group.members.map((m) => (
            <li key={m.id} className="row-list__item">
              <div className="row-list__text">
                <span className="row-list__title">{m.display_name}</span>
                <span className="row-list__meta">{m.username}</span>
              </div>
              <button type="button" className="button button--secondary button--small" disabled={member.isPending} onClick={() => change(String(m.id), false, m.display_name)}>
                {t('admin.removeMember')}
                <span className="visually-hidden"> — {m.display_name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <UserSearch
        id={`group-${group.id}-search`}
        label={t('admin.groups.findMember')}
        offer={(u) => !memberIds.has(String(u.id)) && u.roles.some((r) => r === 'police_liaison' || r === 'social_worker' || r === 'team_lead')}
        noneFound={(q) => t('admin.groups.noCandidates', { q })}
        pending={member.isPending}
        onAdd={(u) => change(String(u.id), true, u.display_name)}
      />
    </section>
  );
}
