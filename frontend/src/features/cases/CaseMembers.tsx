import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { useTeams } from '@/api/teams';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField } from '@/components/Field';
import { InlineConfirm } from '@/components/InlineConfirm';
import { useAnnounce } from '@/components/Status';
import { useFocusReturn } from '@/components/useFocusReturn';
import { formatDate } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useAddCaseMember } from './api/addCaseMember';
import { useRemoveCaseMember } from './api/removeCaseMember';
import { useCaseContext } from './CaseLayout';

/** The members of the case; the lead removes one after confirming, and adds colleagues from the team. */
export function CaseMembers() {
  const { t, i18n } = useTranslation();
  const { kase, me } = useCaseContext();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const remove = useRemoveCaseMember();
  const focus = useFocusReturn();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<FormErrors>(noErrors);
  const isLead = String(kase.lead_id) === String(me.id);
  const agencyName = (id: string) => agencies.data?.items.find((a) => String(a.id) === String(id))?.name ?? '';

  const cancel = (userId: string) => {
    focus.returnTo(userId);
    setConfirming(null);
  };
  const confirmRemove = (userId: string, name: string) =>
    remove.mutate(
      { caseId: String(kase.id), userId },
      {
        onSuccess: () => {
          setConfirming(null);
          setError(noErrors);
          announce(t('members.removed', { name }));
          // The row is gone: carry on from the list's heading, which now gives the new count.
          headingRef.current?.focus();
        },
        onError: (e) => {
          setConfirming(null);
          setError(problemToErrors(e, t, {}, { conflict: t('members.cannotRemoveLead'), forbidden: t('members.onlyLead') }));
        },
      },
    );

  return (
    <>
      <section aria-labelledby="members-title">
        <h2 id="members-title" tabIndex={-1} ref={headingRef}>
          {t('members.title', { count: kase.members.length })}
        </h2>
        <ErrorSummary items={error.summary} />
        <ul className="row-list">
          {kase.members.map((m) => {
            const id = String(m.user_id);
            const lead = id === String(kase.lead_id);
            return (
              <li key={m.user_id} className="row-list__item row-list__item--wrap">
                <div className="row-list__text">
                  <span className="row-list__title">
                    {m.display_name}
                    {lead && <span className="tag tag--ok">{t('members.lead')}</span>}
                  </span>
                  <span className="row-list__meta">
                    {[agencyName(m.agency_id), m.roles.map((r) => t(`roles.${r}`)).join(', ')].filter(Boolean).join(' · ')}
                  </span>
                  <span className="row-list__meta">
                    {t('members.basisSince', { basis: t(`caseBasis.${m.basis}`, { defaultValue: m.basis }), date: formatDate(m.added_at, i18n.language) })}
                  </span>
                </div>
                {isLead &&
                  !lead &&
                  (confirming === id ? (
                    <InlineConfirm
                      question={t('members.confirmRemove', { name: m.display_name })}
                      detail={t('members.confirmRemoveDetail')}
                      confirmLabel={t('members.confirmRemoveButton')}
                      pending={remove.isPending}
                      onConfirm={() => confirmRemove(id, m.display_name)}
                      onCancel={() => cancel(id)}
                    />
                  ) : (
                    <button type="button" className="button button--secondary button--small" ref={focus.ref(id)} disabled={remove.isPending} onClick={() => setConfirming(id)}>
                      {t('members.remove')}
                      <span className="visually-hidden"> — {m.display_name}</span>
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      </section>
      {isLead ? <AddMember /> : <p className="muted">{t('members.leadManages')}</p>}
    </>
  );
}

/** The lead adds a colleague from the case's team who is not in the case yet. */
function AddMember() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const teams = useTeams();
  const agencies = useAgencies();
  const add = useAddCaseMember();
  const [userId, setUserId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const team = teams.data?.items.find((x) => String(x.id) === String(kase.team_id));
  const memberIds = new Set(kase.members.map((m) => String(m.user_id)));
  const candidates = (team?.members ?? []).filter((u) => !memberIds.has(String(u.id)));
  const agencyName = (id: string) => agencies.data?.items.find((a) => String(a.id) === String(id))?.name;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) {
      setErrors(fromFieldErrors({ 'member-user': t('members.chooseRequired') }));
      return;
    }
    const name = candidates.find((c) => String(c.id) === userId)?.display_name ?? '';
    setErrors(noErrors);
    // Clear the choice at once (the added person leaves the list), and give it back on an error,
    // so that a choice made meanwhile is never reset by this submission.
    const chosen = userId;
    setUserId('');
    try {
      await add.mutateAsync({ caseId: String(kase.id), userId: chosen });
      announce(t('members.added', { name }));
    } catch (err) {
      setUserId(chosen);
      setErrors(problemToErrors(err, t, { user_id: 'member-user' }, { conflict: t('members.alreadyMember'), wall: t('members.walled') }, { 'member-user': t('members.cannotAdd') }));
    }
  }

  return (
    <section className="card" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{t('members.add')}</h2>
      <ErrorSummary items={errors.summary} />
      {teams.isSuccess && candidates.length === 0 ? (
        <p className="muted">{t('members.noCandidates')}</p>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <SelectField id="member-user" label={t('members.who')} hint={t('members.whoHint')} value={userId} onChange={(e) => setUserId(e.target.value)} error={errors.fields['member-user']} disabled={teams.isPending}>
            <option value="">{teams.isPending ? t('common.loading') : t('members.choose')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.display_name}
                {agencyName(u.agency_id) ? ` — ${agencyName(u.agency_id)}` : ''}
              </option>
            ))}
          </SelectField>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={add.isPending}>
              {add.isPending ? t('common.saving') : t('members.addSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
