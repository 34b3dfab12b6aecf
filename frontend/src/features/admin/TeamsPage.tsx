import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTeams } from '@/api/teams';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useCreateTeam } from './api/createTeam';
import { TeamNameForm } from './TeamNameForm';

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
  const create = useCreateTeam();
  return (
    <TeamNameForm
      id="team-name"
      heading={t('admin.createTeam')}
      submitLabel={t('admin.createTeamSubmit')}
      initialName=""
      pending={create.isPending}
      clearAfterSave
      save={async (name) => {
        const team = await create.mutateAsync(name);
        return t('admin.teamCreated', { name: team.name });
      }}
    />
  );
}
