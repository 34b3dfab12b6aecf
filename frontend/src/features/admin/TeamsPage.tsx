import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTeams } from '@/api/teams';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useCreateTeam } from './api/createTeam';

export function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.teams')}`);
  return (
    <>
      <h1>{t('admin.teams')}</h1>
      {teams.isPending ? (
        <SkeletonList rows={4} />
      ) : teams.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : teams.data.items.length === 0 ? (
        <p className="muted">{t('admin.noTeams')}</p>
      ) : (
        <ul className="row-list" aria-label={t('admin.teams')}>
          {teams.data.items.map((team) => (
            <li key={team.id} className="row-list__item">
              <Link to={`/admin/teams/${team.id}`} className="row-list__link">
                <span className="row-list__title">{team.name}</span>
                <span className="row-list__meta">{t('home.memberCount', { count: team.members.length })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <CreateTeam />
    </>
  );
}

function CreateTeam() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors(fromFieldErrors({ 'team-name': t('admin.teamNameRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      const team = await create.mutateAsync(name.trim());
      setName('');
      announce(t('admin.teamCreated', { name: team.name }));
    } catch (err) {
      setErrors(problemToErrors(err, t, { name: 'team-name' }, { conflict: t('admin.teamNameTaken') }));
    }
  }
  return (
    <section className="card" aria-labelledby="create-team">
      <h2 id="create-team">{t('admin.createTeam')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id="team-name" label={t('admin.teamName')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields['team-name']} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t('admin.createTeamSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
