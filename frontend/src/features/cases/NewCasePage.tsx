import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useTeams } from '@/api/teams';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { Notice } from '@/components/Notice';
import { useMediaQuery } from '@/components/useMediaQuery';
import { isApiError } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { CASE_CATEGORIES, SEXES, type CaseCategory, type Person, type Sex } from '@/lib/types';
import { useCreateCase, type CreateCaseInput } from './api/createCase';
import { personMatchesQuery, type PersonMatchParams, type PersonMatches } from './api/personMatches';
import { jmbgBirthDate, normalizeJmbg, validateJmbg } from './jmbg';

type Values = { first_name: string; last_name: string; jmbg: string; date_of_birth: string; sex: string; title: string; category: string; team_id: string };

/** The server's field names (problem+json) to the ids of the inputs. */
export const caseFieldMap: Record<string, string> = {
  title: 'title',
  category: 'category',
  team_id: 'team',
  'subject.first_name': 'first-name',
  'subject.last_name': 'last-name',
  'subject.jmbg': 'jmbg',
  'subject.date_of_birth': 'date-of-birth',
  'subject.sex': 'sex',
};
const PERSON_FIELDS = ['first-name', 'last-name', 'jmbg', 'date-of-birth', 'sex'];
const PERSON_KEYS: (keyof Values)[] = ['first_name', 'last_name', 'jmbg', 'date_of_birth', 'sex'];

/** Enough to ask who may already exist: a valid JMBG, or both names and the date of birth. */
export function matchParams(v: Pick<Values, 'first_name' | 'last_name' | 'jmbg' | 'date_of_birth'>): PersonMatchParams | null {
  const first_name = v.first_name.trim();
  const last_name = v.last_name.trim();
  const jmbg = normalizeJmbg(v.jmbg);
  const names = { ...(first_name ? { first_name } : {}), ...(last_name ? { last_name } : {}) };
  const dob = v.date_of_birth ? { date_of_birth: v.date_of_birth } : {};
  if (jmbg && validateJmbg(jmbg, v.date_of_birth || undefined) === null) return { ...names, jmbg, ...dob };
  if (!jmbg && first_name && last_name && v.date_of_birth) return { ...names, ...dob };
  return null;
}

export function NewCasePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const teams = useTeams();
  const create = useCreateCase();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 39.99rem)');
  const [step, setStep] = useState<1 | 2>(1);
  const [values, setValues] = useState<Values>({ first_name: '', last_name: '', jmbg: '', date_of_birth: '', sex: '', title: '', category: '', team_id: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [jmbgError, setJmbgError] = useState<string | undefined>();
  // Who the person may already be: asked once per set of details, offered until the user decides.
  const [offer, setOffer] = useState<PersonMatches | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [chosen, setChosen] = useState<Person | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const offerRef = useRef<HTMLElement>(null);
  // The offer takes the focus when it appears, so that it is read out and its choices come next.
  useEffect(() => {
    if (offer) offerRef.current?.focus();
  }, [offer]);
  useDocumentTitle(t('newCase.title'));

  const teamItems = teams.data?.items ?? [];
  // Preselected when the user is in only one team.
  const teamId = values.team_id || (teamItems.length === 1 ? String(teamItems[0]!.id) : '');

  const jmbgMessage = (jmbg: string, dob: string): string | undefined => {
    if (!jmbg.trim()) return undefined;
    const problem = validateJmbg(jmbg, dob || undefined);
    return problem ? t(`newCase.jmbgProblem.${problem}`) : undefined;
  };

  const set = (k: keyof Values, v: string) => {
    const next = { ...values, [k]: v };
    setValues(next);
    // Other details: what was offered or chosen no longer applies.
    if (PERSON_KEYS.includes(k)) {
      setOffer(null);
      setChosen(null);
    }
    // Check the JMBG as soon as it is complete, and again when the date of birth changes.
    if (k === 'jmbg' && errors.fields.jmbg) setErrors({ ...errors, fields: { ...errors.fields, jmbg: '' } });
    if (k === 'jmbg') setJmbgError(normalizeJmbg(v).length >= 13 || (jmbgError && v.trim()) ? jmbgMessage(v, next.date_of_birth) : undefined);
    if (k === 'date_of_birth' && next.jmbg.trim()) setJmbgError(jmbgMessage(next.jmbg, v));
  };

  const validatePerson = (): FieldErrors => {
    const fe: FieldErrors = {};
    if (!values.first_name.trim()) fe['first-name'] = t('newCase.firstNameRequired');
    if (!values.last_name.trim()) fe['last-name'] = t('newCase.lastNameRequired');
    const j = jmbgMessage(values.jmbg, values.date_of_birth);
    if (j) fe.jmbg = j;
    return fe;
  };
  const validateCase = (): FieldErrors => {
    const fe: FieldErrors = {};
    if (!values.title.trim()) fe.title = t('newCase.titleRequired');
    if (!values.category) fe.category = t('newCase.categoryRequired');
    if (!teamId) fe.team = t('newCase.teamRequired');
    return fe;
  };

  const goToStep = (s: 1 | 2) => {
    setStep(s);
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  /** True when the form may go on; false when an offer (or a notice) now waits for the user. */
  async function checkMatches(): Promise<boolean> {
    if (chosen) return true;
    const params = matchParams(values);
    if (!params) return true;
    const key = JSON.stringify(params);
    if (key === checkedKey) return true;
    setChecking(true);
    // The check helps; it does not stand in the way (the server checks again on create).
    const found: PersonMatches | null = await qc.fetchQuery(personMatchesQuery(params)).catch(() => null);
    setChecking(false);
    setCheckedKey(key);
    if (found && (found.visible.length > 0 || found.known_elsewhere)) {
      setOffer(found);
      return false;
    }
    return true;
  }

  function typedSubject(): CreateCaseInput['subject'] {
    const jmbg = normalizeJmbg(values.jmbg);
    return {
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      ...(jmbg ? { jmbg } : {}),
      ...(values.date_of_birth ? { date_of_birth: values.date_of_birth } : {}),
      ...(values.sex ? { sex: values.sex as Sex } : {}),
    };
  }

  async function createWith(subject: CreateCaseInput['subject']) {
    setErrors(noErrors);
    setOffer(null);
    try {
      const c = await create.mutateAsync({
        title: values.title.trim(),
        category: values.category as CaseCategory,
        team_id: teamId,
        subject,
      });
      announce(t('newCase.created'));
      navigate(`/cases/${c.id}`);
    } catch (err) {
      if (isApiError(err) && err.code === 'validation' && err.errors.some((f) => f.field === 'subject.person_id')) {
        // Not a person the caller may open a case for after all: enter them as typed.
        setChosen(null);
        if (phone) setStep(1);
        setErrors({ fields: {}, summary: [{ message: t('newCase.offer.personRejected') }] });
        return;
      }
      if (isApiError(err) && err.code === 'person_exists') {
        // The JMBG is of a person the caller already works with: offer them again.
        if (phone) setStep(1);
        setErrors(fromFieldErrors({ jmbg: t('newCase.personExists') }));
        const params = matchParams(values);
        const found = params ? await qc.fetchQuery(personMatchesQuery(params)).catch(() => null) : null;
        if (found && found.visible.length > 0) setOffer(found);
        return;
      }
      const p = problemToErrors(err, t, caseFieldMap, { conflict: t('newCase.personKnownElsewhere') }, {
        title: t('newCase.titleRequired'),
        category: t('newCase.categoryRequired'),
        team: t('newCase.teamNotYours'),
        'first-name': t('newCase.firstNameRequired'),
        'last-name': t('newCase.lastNameRequired'),
        jmbg: t('newCase.jmbgRejected'),
      });
      if (phone && Object.keys(p.fields).some((k) => PERSON_FIELDS.includes(k))) setStep(1);
      setErrors(p);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (checking) return;
    if (phone && step === 1) {
      const fe = validatePerson();
      setErrors(fromFieldErrors(fe));
      if (Object.keys(fe).length === 0 && (await checkMatches())) goToStep(2);
      return;
    }
    const fe = { ...validatePerson(), ...validateCase() };
    if (Object.keys(fe).length) {
      if (phone && Object.keys(fe).some((k) => PERSON_FIELDS.includes(k))) setStep(1);
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    if (!(await checkMatches())) return;
    await createWith(chosen ? { person_id: chosen.id } : typedSubject());
  }

  /** "Open the case for this person": on a desk at once, on a phone after step 2. */
  function chooseMatch(person: Person) {
    setChosen(person);
    setOffer(null);
    if (phone) goToStep(2);
    else void createWith({ person_id: person.id });
  }

  /** "No, a different person" (or go on after the notice): continue with what was typed. */
  function goOn() {
    setOffer(null);
    if (phone) goToStep(2);
    else void createWith(typedSubject());
  }

  const showPerson = !phone || step === 1;
  // On a phone the summary lists only what can be fixed on this step.
  const summary = phone ? errors.summary.filter((i) => !i.fieldId || PERSON_FIELDS.includes(i.fieldId) === (step === 1)) : errors.summary;
  const showCase = !phone || step === 2;
  const born = values.jmbg && !jmbgError && validateJmbg(values.jmbg) === null ? jmbgBirthDate(normalizeJmbg(values.jmbg)) : null;

  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/cases">← {t('cases.title')}</Link>
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('newCase.title')}
      </h1>
      {phone && <p className="eyebrow">{t('newCase.stepOf', { step, total: 2 })}</p>}
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="form">
        {showPerson && (
          <fieldset className="fieldset">
            <legend className="form-section">{t('newCase.person')}</legend>
            <p className="muted">{t('newCase.personHint')}</p>
            <TextField id="first-name" label={t('newCase.firstName')} autoComplete="off" value={values.first_name} onChange={(e) => set('first_name', e.target.value)} error={errors.fields['first-name']} />
            <TextField id="last-name" label={t('newCase.lastName')} autoComplete="off" value={values.last_name} onChange={(e) => set('last_name', e.target.value)} error={errors.fields['last-name']} />
            <TextField
              id="jmbg"
              label={t('newCase.jmbg')}
              hint={t('newCase.jmbgHint')}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              className="input--jmbg"
              value={values.jmbg}
              onChange={(e) => set('jmbg', e.target.value)}
              onBlur={() => setJmbgError(jmbgMessage(values.jmbg, values.date_of_birth))}
              error={jmbgError ?? (errors.fields.jmbg || undefined)}
            />
            {born && (
              <p className="field-ok" role="status">
                <span aria-hidden="true">✓ </span>
                {t('newCase.jmbgOk', { date: formatDate(born, i18n.language) })}
              </p>
            )}
            <TextField id="date-of-birth" type="date" label={t('newCase.dateOfBirth')} hint={t('newCase.optional')} value={values.date_of_birth} onChange={(e) => set('date_of_birth', e.target.value)} error={errors.fields['date-of-birth']} />
            <SelectField id="sex" label={t('newCase.sex')} hint={t('newCase.optional')} value={values.sex} onChange={(e) => set('sex', e.target.value)} error={errors.fields.sex}>
              <option value="">{t('newCase.notSaid')}</option>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {t(`sex.${s}`)}
                </option>
              ))}
            </SelectField>
          </fieldset>
        )}
        {offer && showPerson && (
          <section
            ref={offerRef}
            tabIndex={-1}
            className="card person-offer"
            {...(offer.visible.length > 0 ? { 'aria-labelledby': 'person-offer-title' } : { 'aria-label': t('newCase.offer.elsewhereTitle') })}
          >
            {offer.visible.length > 0 ? (
              <>
                <h2 id="person-offer-title" className="form-section">
                  {t('newCase.offer.title')}
                </h2>
                <p>{t('newCase.offer.hint')}</p>
                <ul className="person-offer__list">
                  {offer.visible.map((p) => (
                    <li key={p.id} className="person-offer__item">
                      <p className="person-offer__name" id={`match-${p.id}`}>
                        <strong>
                          {p.first_name} {p.last_name}
                        </strong>
                        <br />
                        {p.date_of_birth ? t('newCase.offer.born', { date: formatDate(p.date_of_birth, i18n.language) }) : t('newCase.offer.bornUnknown')}
                        {' · '}
                        {p.jmbg_masked ? t('newCase.offer.jmbg', { jmbg: p.jmbg_masked }) : t('newCase.offer.noJmbg')}
                      </p>
                      <button type="button" className="button button--primary" aria-describedby={`match-${p.id}`} disabled={create.isPending} onClick={() => chooseMatch(p)}>
                        {t('newCase.offer.use')}
                      </button>
                    </li>
                  ))}
                </ul>
                {offer.known_elsewhere && <p className="muted">{t('newCase.offer.alsoElsewhere')}</p>}
                <button type="button" className="button button--secondary" disabled={create.isPending} onClick={goOn}>
                  {t('newCase.offer.other')}
                </button>
              </>
            ) : (
              <>
                <Notice title={t('newCase.offer.elsewhereTitle')}>
                  <p>{t('newCase.offer.elsewhere')}</p>
                </Notice>
                <button type="button" className="button button--secondary" disabled={create.isPending} onClick={goOn}>
                  {t('newCase.offer.goOn')}
                </button>
              </>
            )}
          </section>
        )}
        {chosen && showCase && (
          <p className="field-ok" role="status">
            <span aria-hidden="true">✓ </span>
            {t('newCase.offer.chosen', { name: `${chosen.first_name} ${chosen.last_name}` })}
          </p>
        )}
        {showCase && (
          <fieldset className="fieldset">
            <legend className="form-section">{t('newCase.caseSection')}</legend>
            <TextField id="title" label={t('newCase.caseTitle')} hint={t('newCase.caseTitleHint')} autoComplete="off" value={values.title} onChange={(e) => set('title', e.target.value)} error={errors.fields.title} />
            <SelectField id="category" label={t('cases.category')} value={values.category} onChange={(e) => set('category', e.target.value)} error={errors.fields.category}>
              <option value="">{t('newCase.chooseCategory')}</option>
              {CASE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id="team" label={t('newCase.team')} value={teamId} onChange={(e) => set('team_id', e.target.value)} error={errors.fields.team} disabled={teams.isPending}>
              {teamItems.length !== 1 && <option value="">{teams.isPending ? t('common.loading') : t('newCase.chooseTeam')}</option>}
              {teamItems.map((team) => (
                <option key={team.id} value={String(team.id)}>
                  {team.name}
                </option>
              ))}
            </SelectField>
          </fieldset>
        )}
        <div className="form__actions">
          {phone && step === 1 ? (
            <button type="submit" className="button button--primary" disabled={checking}>
              {t('newCase.continue')}
            </button>
          ) : (
            <>
              <button type="submit" className="button button--primary" disabled={create.isPending || checking}>
                {create.isPending ? t('common.saving') : t('newCase.submit')}
              </button>
              {phone && (
                <button type="button" className="button button--secondary" onClick={() => goToStep(1)}>
                  {t('common.back')}
                </button>
              )}
            </>
          )}
        </div>
      </form>
    </div>
  );
}
