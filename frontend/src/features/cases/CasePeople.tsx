import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { FormActions } from '@/components/FormActions';
import { formatDate } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import type { CasePerson, Person, Relation, Sex } from '@/lib/types';
import { useAddCasePerson } from './api/addCasePerson';
import { casePeopleKey, useCasePeople } from './api/casePeople';
import { useUpdatePerson } from './api/updatePerson';
import { useCaseContext } from './CaseLayout';
import { normalizeJmbg, validateJmbg } from './jmbg';
import { useQueryClient } from '@tanstack/react-query';

const RELATIONS: Exclude<Relation, 'subject'>[] = ['household_member', 'child', 'victim', 'perpetrator', 'carer'];
const LANGUAGES = ['sr-Latn', 'sr-Cyrl', 'en', 'hu', 'ro', 'sk', 'rom', 'other'];

export function CasePeople() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const people = useCasePeople(String(kase.id));
  const [editing, setEditing] = useState<string | null>(null);
  const canWrite = kase.my_basis !== 'emergency';
  return (
    <>
      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('people.title')}</h2>
        {people.isPending ? (
          <SkeletonList rows={3} />
        ) : people.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : (
          <ul className="goal-list">
            {people.data.items.map((cp) =>
              editing === cp.person.id ? (
                <li key={cp.person.id} className="card">
                  <EditPerson cp={cp} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <PersonCard key={cp.person.id} cp={cp} onEdit={canWrite ? () => setEditing(cp.person.id) : undefined} />
              ),
            )}
          </ul>
        )}
      </section>
      {canWrite && <AddPerson />}
    </>
  );
}

function PersonCard({ cp, onEdit }: { cp: CasePerson; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  const p = cp.person;
  const name = `${p.first_name} ${p.last_name}`;
  return (
    <li className="card" aria-label={name}>
      <p className="eyebrow">{t(`relation.${cp.relation}`)}</p>
      <h3 className="goal__title">{name}</h3>
      {p.safe_to_contact ? (
        <Notice tone="success" title={t('caseWorkspace.safeToContact')}>
          {p.safe_channel && <p>{t('caseWorkspace.safeChannel', { channel: p.safe_channel })}</p>}
        </Notice>
      ) : (
        <Notice tone="warning" title={t('caseWorkspace.notSafeToContact')}>
          <p>{p.safe_channel ? t('caseWorkspace.safeChannelOnly', { channel: p.safe_channel }) : t('caseWorkspace.notSafeHelp')}</p>
        </Notice>
      )}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('newCase.jmbg')}</dt>
          <dd>{p.jmbg_masked ?? t('caseWorkspace.noJmbg')}</dd>
        </div>
        {p.date_of_birth && (
          <div className="summary-list__row">
            <dt>{t('newCase.dateOfBirth')}</dt>
            <dd>{formatDate(p.date_of_birth, i18n.language)}</dd>
          </div>
        )}
        <div className="summary-list__row">
          <dt>{t('caseWorkspace.preferredLanguage')}</dt>
          <dd>
            {t(`personLanguage.${p.preferred_language || 'sr-Latn'}`, { defaultValue: p.preferred_language ?? '' })}
            {p.interpreter_needed ? <span className="muted"> · {t('caseWorkspace.interpreterNeeded')}</span> : null}
          </dd>
        </div>
      </dl>
      {(p.phone || p.address) && (
        <details className="details">
          <summary>{t('people.showContact')}</summary>
          <dl className="summary-list">
            {p.phone && (
              <div className="summary-list__row">
                <dt>{t('people.phone')}</dt>
                <dd>{p.phone}</dd>
              </div>
            )}
            {p.address && (
              <div className="summary-list__row">
                <dt>{t('people.address')}</dt>
                <dd>{p.address}</dd>
              </div>
            )}
          </dl>
        </details>
      )}
      {onEdit && (
        <button type="button" className="button button--secondary" onClick={onEdit}>
          {t('people.edit')}
          <span className="visually-hidden"> — {name}</span>
        </button>
      )}
    </li>
  );
}

function EditPerson({ cp, onDone }: { cp: CasePerson; onDone: () => void }) {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const update = useUpdatePerson();
  const p: Person = cp.person;
  const [safe, setSafe] = useState(p.safe_to_contact ? 'yes' : 'no');
  const [channel, setChannel] = useState(p.safe_channel ?? '');
  const [phone, setPhone] = useState(p.phone ?? '');
  const [address, setAddress] = useState(p.address ?? '');
  const [language, setLanguage] = useState(p.preferred_language || 'sr-Latn');
  const [interpreter, setInterpreter] = useState(p.interpreter_needed);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const name = `${p.first_name} ${p.last_name}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (safe === 'no' && !channel.trim()) {
      setErrors(fromFieldErrors({ 'person-channel': t('people.channelRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await update.mutateAsync({
        caseId: String(kase.id),
        personId: p.id,
        safe_to_contact: safe === 'yes',
        safe_channel: channel.trim(),
        phone: phone.trim(),
        address: address.trim(),
        preferred_language: language,
        interpreter_needed: interpreter,
      });
      await qc.invalidateQueries({ queryKey: casePeopleKey(String(kase.id)) });
      announce(t('people.saved'));
      onDone();
    } catch (err) {
      setErrors(
        problemToErrors(err, t, { safe_channel: 'person-channel', phone: 'person-phone', address: 'person-address', preferred_language: 'person-language' }, { forbidden: t('plan.readOnly') }),
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t('people.editOf', { name })}>
      <h3 className="goal__title">{t('people.editOf', { name })}</h3>
      <ErrorSummary items={errors.summary} />
      <fieldset className="field fieldset">
        <legend className="field__label">{t('people.safeQuestion')}</legend>
        <div className="checkboxes">
          <div className="checkbox">
            <input id="person-safe-yes" type="radio" name="person-safe" value="yes" checked={safe === 'yes'} onChange={() => setSafe('yes')} />
            <label htmlFor="person-safe-yes">{t('people.safeYes')}</label>
          </div>
          <div className="checkbox">
            <input id="person-safe-no" type="radio" name="person-safe" value="no" checked={safe === 'no'} onChange={() => setSafe('no')} />
            <label htmlFor="person-safe-no">{t('people.safeNo')}</label>
          </div>
        </div>
      </fieldset>
      <TextAreaField id="person-channel" label={t('people.channel')} hint={t('people.channelHint')} value={channel} maxLength={300} onChange={(e) => setChannel(e.target.value)} error={errors.fields['person-channel']} />
      <TextField id="person-phone" type="tel" label={t('people.phone')} value={phone} maxLength={300} onChange={(e) => setPhone(e.target.value)} error={errors.fields['person-phone']} />
      <TextField id="person-address" label={t('people.address')} value={address} maxLength={300} onChange={(e) => setAddress(e.target.value)} error={errors.fields['person-address']} />
      <SelectField id="person-language" label={t('caseWorkspace.preferredLanguage')} value={language} onChange={(e) => setLanguage(e.target.value)} error={errors.fields['person-language']}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`personLanguage.${l}`)}
          </option>
        ))}
      </SelectField>
      <div className="checkbox">
        <input id="person-interpreter" type="checkbox" checked={interpreter} onChange={(e) => setInterpreter(e.target.checked)} />
        <label htmlFor="person-interpreter">{t('caseWorkspace.interpreterNeeded')}</label>
      </div>
      <FormActions pending={update.isPending} submitLabel={t('common.save')} onCancel={onDone} />
    </form>
  );
}

function AddPerson() {
  const { t } = useTranslation();
  const { kase } = useCaseContext();
  const announce = useAnnounce();
  const add = useAddCasePerson();
  const [open, setOpen] = useState(false);
  const [relation, setRelation] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [jmbg, setJmbg] = useState('');
  const [dob, setDob] = useState('');
  const [sex, setSex] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [jmbgError, setJmbgError] = useState<string | undefined>();

  const jmbgMessage = (v: string, d: string) => {
    if (!v.trim()) return undefined;
    const problem = validateJmbg(v, d || undefined);
    return problem ? t(`newCase.jmbgProblem.${problem}`) : undefined;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!relation) fields['person-relation'] = t('people.relationRequired');
    if (!first.trim()) fields['person-first'] = t('newCase.firstNameRequired');
    if (!last.trim()) fields['person-last'] = t('newCase.lastNameRequired');
    const j = jmbgMessage(jmbg, dob);
    if (j) fields['person-jmbg'] = j;
    if (Object.keys(fields).length) {
      setErrors(fromFieldErrors(fields));
      return;
    }
    setErrors(noErrors);
    const n = normalizeJmbg(jmbg);
    try {
      await add.mutateAsync({
        caseId: String(kase.id),
        relation: relation as Exclude<Relation, 'subject'>,
        person: { first_name: first.trim(), last_name: last.trim(), ...(n ? { jmbg: n } : {}), ...(dob ? { date_of_birth: dob } : {}), ...(sex ? { sex: sex as Sex } : {}) },
      });
      announce(t('people.added', { name: `${first.trim()} ${last.trim()}` }));
      setRelation('');
      setFirst('');
      setLast('');
      setJmbg('');
      setDob('');
      setSex('');
      setOpen(false);
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          { relation: 'person-relation', 'person.first_name': 'person-first', 'person.last_name': 'person-last', 'person.jmbg': 'person-jmbg', 'person.date_of_birth': 'person-dob', 'person.sex': 'person-sex' },
          { wall: t('people.wall'), conflict: t('people.conflict'), forbidden: t('plan.readOnly') },
          { 'person-jmbg': t('newCase.jmbgRejected') },
        ),
      );
    }
  }

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--primary button--wide" onClick={() => setOpen(true)}>
          {t('people.add')}
        </button>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="add-person-title">
      <h2 id="add-person-title">{t('people.add')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <SelectField id="person-relation" label={t('people.relation')} value={relation} onChange={(e) => setRelation(e.target.value)} error={errors.fields['person-relation']}>
          <option value="">{t('people.chooseRelation')}</option>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {t(`relation.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField id="person-first" label={t('newCase.firstName')} autoComplete="off" value={first} maxLength={100} onChange={(e) => setFirst(e.target.value)} error={errors.fields['person-first']} />
        <TextField id="person-last" label={t('newCase.lastName')} autoComplete="off" value={last} maxLength={100} onChange={(e) => setLast(e.target.value)} error={errors.fields['person-last']} />
        <TextField
          id="person-jmbg"
          label={t('newCase.jmbg')}
          hint={t('newCase.jmbgHint')}
          inputMode="numeric"
          autoComplete="off"
          value={jmbg}
          onChange={(e) => {
            setJmbg(e.target.value);
            setJmbgError(normalizeJmbg(e.target.value).length >= 13 || jmbgError ? jmbgMessage(e.target.value, dob) : undefined);
          }}
          error={errors.fields['person-jmbg'] || jmbgError}
        />
        <TextField id="person-dob" type="date" label={t('newCase.dateOfBirth')} hint={t('newCase.optional')} value={dob} onChange={(e) => setDob(e.target.value)} error={errors.fields['person-dob']} />
        <SelectField id="person-sex" label={t('newCase.sex')} value={sex} onChange={(e) => setSex(e.target.value)} error={errors.fields['person-sex']}>
          <option value="">{t('newCase.notSaid')}</option>
          {(['female', 'male', 'other'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`sex.${s}`)}
            </option>
          ))}
        </SelectField>
        <FormActions pending={add.isPending} submitLabel={t('people.addSubmit')} onCancel={() => setOpen(false)} />
      </form>
    </section>
  );
}
