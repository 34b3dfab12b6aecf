import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { useTeams } from '@/api/teams';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { Team } from '@/lib/types';
import { useAddTeamMember } from './api/addTeamMember';
import { useRemoveTeamMember } from './api/removeTeamMember';
import { useRenameTeam } from './api/renameTeam';
import { TeamNameForm } from './TeamNameForm';
import { UserSearch } from './UserSearch';

export function TeamPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const teams = useTeams();
  const team = teams.data?.items.find((x) => String(x.id) === id);
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.team')}`);
  return (
    <>
      <p className="back-link">
        <Link to="/admin/teams">← {t('admin.teams')}</Link>
      </p>
      {teams.isPending ? (
        <SkeletonList rows={4} />
      ) : !team ? (
        <Notice tone="error">{t('admin.teamNotFound')}</Notice>
      ) : (
        <>
          <h1>{team.name}</h1>
          <Members team={team} />
          <AddMember team={team} />
          <RenameTeam key={team.name} team={team} />
        </>
      )}
    </>
  );
}

function Members({ team }: { team: Team }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const remove = useRemoveTeamMember();
  const [error, setError] = useState<FormErrors>(noErrors);
  return (
    <section className="card" aria-labelledby="team-members">
      <h2 id="team-members">{t('admin.members', { count: team.members.length })}</h2>
      <ErrorSummary items={error.summary} />
      {team.members.length === 0 ? (
        <p className="muted">{t('admin.noMembers')}</p>
      ) : (
        <ul className="row-list">
          {team.members.map((m) => (
            <li key={m.id} className="row-list__item">
              <div className="row-list__text">
                <span className="row-list__title">{m.display_name}</span>
                <span className="row-list__meta">
                  {m.username}
                  {agencies.data ? ` · ${agencies.data.items.find((a) => String(a.id) === String(m.agency_id))?.name ?? ''}` : ''}
                </span>
              </div>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(
                    { teamId: String(team.id), userId: String(m.id) },
                    { onSuccess: () => announce(t('admin.memberRemoved', { name: m.display_name })), onError: (e) => setError(problemToErrors(e, t)) },
                  )
                }
              >
                {t('admin.removeMember')}
                <span className="visually-hidden"> — {m.display_name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddMember({ team }: { team: Team }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddTeamMember();
  const [error, setError] = useState<FormErrors>(noErrors);
  const memberIds = new Set(team.members.map((m) => String(m.id)));
  return (
    <section className="card" aria-labelledby="team-add">
      <h2 id="team-add">{t('admin.addMember')}</h2>
      <ErrorSummary items={error.summary} />
      <UserSearch
        id="member-search"
        label={t('admin.findPerson')}
        offer={(u) => !memberIds.has(String(u.id))}
        noneFound={(q) => t('admin.noUsersMatch', { q })}
        pending={add.isPending}
        onAdd={(u) =>
          add.mutate(
            { teamId: String(team.id), userId: String(u.id) },
            { onSuccess: () => announce(t('admin.memberAdded', { name: u.display_name })), onError: (e) => setError(problemToErrors(e, t, {}, { conflict: t('admin.alreadyMember') })) },
          )
        }
      />
    </section>
  );
}

function RenameTeam({ team }: { team: Team }) {
  const { t } = useTranslation();
  const rename = useRenameTeam();
  return (
    <TeamNameForm
      id="rename-team"
      heading={t('admin.renameTeam')}
      submitLabel={t('common.save')}
      initialName={team.name}
      pending={rename.isPending}
      save={async (name) => {
        await rename.mutateAsync({ id: String(team.id), name });
        return t('common.saved');
      }}
    />
  );
}
