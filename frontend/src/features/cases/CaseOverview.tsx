import { useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { formatDate, formatDateTime } from '@/lib/format';
import { problemToErrors } from '@/lib/formErrors';
import type { Person } from '@/lib/types';
import { useRevealJmbg } from './api/revealJmbg';
import { useCaseContext } from './CaseLayout';
import { RiskTag } from './badges';
import { CaseManage } from './CaseManage';

/**
 * The case at a glance. The app adds the case's referrals (`referrals`: "Refer to another
 * agency" and the list), since features do not import each other.
 */
export function CaseOverview({ referrals: Referrals }: { referrals?: ComponentType<{ caseId: string; canRefer: boolean }> } = {}) {
  const { t, i18n } = useTranslation();
  const { kase } = useCaseContext();
  const agencies = useAgencies();
  const lead = kase.members.find((m) => String(m.user_id) === String(kase.lead_id));
  const leadAgency = lead && agencies.data?.items.find((a) => String(a.id) === String(lead.agency_id));
  const refs = kase.external_refs ?? {};
  const refRows = (['sozis_number', 'police_record_number', 'prosecutor_kt_number'] as const).filter((k) => refs[k]);
  return (
    <>
      {kase.subject && <SafeToContact person={kase.subject} />}
      <div className="grid-2">
        {kase.subject && <SubjectCard person={kase.subject} />}
        <section className="card" aria-labelledby="case-facts">
          <h2 id="case-facts">{t('caseWorkspace.aboutCase')}</h2>
          <dl className="summary-list">
            <Row label={t('cases.category')}>{t(`category.${kase.category}`)}</Row>
            <Row label={t('cases.status')}>
              {t(`caseStatus.${kase.status}`)}
              {kase.closing_reason ? <span className="muted"> · {kase.closing_reason}</span> : null}
            </Row>
            <Row label={t('cases.risk')}>
              <RiskTag level={kase.risk_level} />
            </Row>
            <Row label={t('caseWorkspace.lead')}>
              {lead ? lead.display_name : '—'}
              {leadAgency ? <span className="muted"> · {leadAgency.name}</span> : null}
            </Row>
            <Row label={t('caseWorkspace.opened')}>{formatDateTime(kase.created_at, i18n.language)}</Row>
            <Row label={t('caseWorkspace.myBasis')}>{t(`caseBasis.${kase.my_basis}`, { defaultValue: kase.my_basis })}</Row>
          </dl>
          {refRows.length > 0 && (
            <>
              <h3>{t('caseWorkspace.externalRefs')}</h3>
              <dl className="summary-list">
                {refRows.map((k) => (
                  <Row key={k} label={t(`externalRefs.${k}`)}>
                    {refs[k]}
                  </Row>
                ))}
              </dl>
            </>
          )}
        </section>
      </div>
      {Referrals && <Referrals caseId={String(kase.id)} canRefer={kase.my_basis !== 'emergency'} />}
      <CaseManage />
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Whether the person may be contacted directly is the first thing anyone needs to know. */
function SafeToContact({ person }: { person: Person }) {
  const { t } = useTranslation();
  return person.safe_to_contact ? (
    <Notice tone="success" title={t('caseWorkspace.safeToContact')}>
      {person.safe_channel && <p>{t('caseWorkspace.safeChannel', { channel: person.safe_channel })}</p>}
    </Notice>
  ) : (
    <Notice tone="warning" title={t('caseWorkspace.notSafeToContact')}>
      <p>{person.safe_channel ? t('caseWorkspace.safeChannelOnly', { channel: person.safe_channel }) : t('caseWorkspace.notSafeHelp')}</p>
    </Notice>
  );
}

function SubjectCard({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const reveal = useRevealJmbg();
  // The full JMBG lives only in this component: gone when the page is left.
  const [jmbg, setJmbg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="case-subject">
      <h2 id="case-subject">{t('caseWorkspace.person')}</h2>
      <p className="subject-name">
        {person.first_name} {person.last_name}
      </p>
      <dl className="summary-list">
        <Row label={t('newCase.jmbg')}>
          {person.has_jmbg || person.jmbg_masked ? (
            <>
              <span className="jmbg" data-testid="jmbg">
                {jmbg ?? person.jmbg_masked}
              </span>
              {!jmbg && (
                <button
                  type="button"
                  className="button button--secondary button--small reveal-button"
                  disabled={reveal.isPending}
                  onClick={() =>
                    reveal.mutate(String(person.id), {
                      onSuccess: (r) => {
                        setJmbg(r.jmbg);
                        setError(null);
                        announce(t('caseWorkspace.jmbgShown'));
                      },
                      onError: (e) => setError(problemToErrors(e, t).summary[0]?.message ?? t('errors.internal')),
                    })
                  }
                >
                  {t('caseWorkspace.showJmbg')}
                </button>
              )}
              {jmbg && <p className="muted small">{t('caseWorkspace.jmbgLogged')}</p>}
              {error && (
                <p className="field__error" role="alert">
                  {error}
                </p>
              )}
            </>
          ) : (
            <span className="muted">{t('caseWorkspace.noJmbg')}</span>
          )}
        </Row>
        <Row label={t('newCase.dateOfBirth')}>{person.date_of_birth ? formatDate(person.date_of_birth, i18n.language) : '—'}</Row>
        <Row label={t('newCase.sex')}>{person.sex ? t(`sex.${person.sex}`) : '—'}</Row>
        {person.preferred_language && (
          <Row label={t('caseWorkspace.preferredLanguage')}>
            {t(`personLanguage.${person.preferred_language}`, { defaultValue: person.preferred_language })}
            {person.interpreter_needed ? <span className="muted"> · {t('caseWorkspace.interpreterNeeded')}</span> : null}
          </Row>
        )}
      </dl>
    </section>
  );
}
