import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { useTeams } from '@/api/teams';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { ALERT_ROLES, CASE_ROLES, hasAnyRole, REVIEW_ROLES } from '@/lib/roles';

export function HomePage() {
  const { t } = useTranslation();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const me = useMe().data;
  const agencies = useAgencies();
  const teams = useTeams();
  useDocumentTitle(t('nav.home'));
  if (!me) return null;

  const agency = agencies.data?.items.find((a) => String(a.id) === String(me.agency_id));
  const myTeams = (teams.data?.items ?? []).filter((team) => me.roles.includes('admin') ? me.team_ids.map(String).includes(String(team.id)) : true);
  const isAdmin = me.roles.includes('admin');
  const isAuditor = me.roles.includes('auditor');
  const caseRole = hasAnyRole(me.roles, CASE_ROLES);
  const alertRole = hasAnyRole(me.roles, ALERT_ROLES);
  const reviewer = hasAnyRole(me.roles, REVIEW_ROLES);

  return (
    <>
      {flash === 'passwordChanged' && (
        <Notice tone="success" role="status">
          {t('password.changed')}
        </Notice>
      )}
      <h1>{t('home.greeting', { name: me.display_name })}</h1>
      <p className="lead">{t('home.intro')}</p>

      <div className="grid-2">
        <section className="card" aria-labelledby="home-work">
          <h2 id="home-work">{t('home.whereYouWork')}</h2>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t('home.agency')}</dt>
              <dd>
                {agencies.isPending ? (
                  <span className="skeleton-line skeleton-line--inline" aria-label={t('common.loading')} />
                ) : agency ? (
                  <>
                    {agency.name}
                    <span className="muted">
                      {' '}
                      · {t(`agencyTypes.${agency.type}`)}
                      {agency.municipality ? `, ${agency.municipality}` : ''}
                    </span>
                  </>
                ) : (
                  t('home.noAgency')
                )}
              </dd>
            </div>
            <div className="summary-list__row">
              <dt>{t('home.roles')}</dt>
              <dd>
                <ul className="plain-list">
                  {me.roles.map((r) => (
                    <li key={r}>{t(`roles.${r}`)}</li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
        </section>

        <section className="card" aria-labelledby="home-teams">
          <h2 id="home-teams">{t('home.teams')}</h2>
          {teams.isPending ? (
            <SkeletonList rows={2} />
          ) : teams.isError ? (
            <Notice tone="error">{t('errors.loadFailed')}</Notice>
          ) : myTeams.length === 0 ? (
            <p className="muted">{t('home.noTeams')}</p>
          ) : (
            <ul className="team-list">
              {myTeams.map((team) => (
                <li key={team.id}>
                  <strong>{team.name}</strong>
                  <span className="muted"> · {t('home.memberCount', { count: team.members.length })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="home-next">
        <h2 id="home-next">{t('home.whatNext')}</h2>
        <ul className="link-cards">
          {caseRole && (
            <li>
              <Link className="link-card" to="/cases">
                <span className="link-card__title">{t('nav.cases')}</span>
                <span className="link-card__text">{t('home.casesText')}</span>
              </Link>
            </li>
          )}
          {alertRole && (
            <li>
              <Link className="link-card" to="/alerts">
                <span className="link-card__title">{t('nav.alerts')}</span>
                <span className="link-card__text">{t('home.alertsText')}</span>
              </Link>
            </li>
          )}
          {reviewer && (
            <li>
              <Link className="link-card" to="/emergency-access">
                <span className="link-card__title">{t('nav.review')}</span>
                <span className="link-card__text">{t('home.reviewText')}</span>
              </Link>
            </li>
          )}
          {isAdmin && (
            <li>
              <Link className="link-card" to="/admin">
                <span className="link-card__title">{t('nav.admin')}</span>
                <span className="link-card__text">{t('home.adminText')}</span>
              </Link>
            </li>
          )}
          {isAuditor && (
            <li>
              <Link className="link-card" to="/audit">
                <span className="link-card__title">{t('nav.audit')}</span>
                <span className="link-card__text">{t('home.auditText')}</span>
              </Link>
            </li>
          )}
          <li>
            <Link className="link-card" to="/profile">
              <span className="link-card__title">{t('nav.profile')}</span>
              <span className="link-card__text">{t('home.profileText')}</span>
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
