import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '@/api/agencies';
import { CopyButton } from '@/components/CopyButton';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { InlineConfirm } from '@/components/InlineConfirm';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { formatDateTime } from '@/lib/format';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { SYSTEM_KINDS, useRegisterSystem, useRotateSystem, useSystems, type PartnerSystem, type SystemCredentials, type SystemKind } from './api/systems';

/** Partner systems (police dispatch, hospitals, residential care) that send events in; each signs with its secret. */
export function SystemsPage() {
  const { t } = useTranslation();
  const systems = useSystems();
  const [shown, setShown] = useState<{ creds: SystemCredentials; rotated: boolean } | null>(null);
  useDocumentTitle(`${t('nav.admin')}: ${t('admin.systems.title')}`);
  return (
    <>
      <h1>{t('admin.systems.title')}</h1>
      <p className="lead">{t('admin.systems.intro')}</p>
      {shown && <SecretPanel creds={shown.creds} rotated={shown.rotated} onDone={() => setShown(null)} />}
      <section aria-labelledby="systems-list">
        <h2 id="systems-list">{t('admin.systems.listTitle')}</h2>
        {systems.isPending ? (
          <SkeletonList rows={3} />
        ) : systems.isError ? (
          <Notice tone="error">{t('errors.loadFailed')}</Notice>
        ) : systems.data.items.length === 0 ? (
          <p className="muted">{t('admin.systems.none')}</p>
        ) : (
          <ul className="row-list" aria-labelledby="systems-list">
            {systems.data.items.map((s) => (
              <SystemRow key={s.id} system={s} onRotated={(creds) => setShown({ creds, rotated: true })} />
            ))}
          </ul>
        )}
      </section>
      <RegisterForm onRegistered={(creds) => setShown({ creds, rotated: false })} />
    </>
  );
}

function kindWords(t: (k: string) => string, kind: string) {
  return (SYSTEM_KINDS as readonly string[]).includes(kind) ? t(`admin.systems.kinds.${kind}`) : kind;
}

function SystemRow({ system, onRotated }: { system: PartnerSystem; onRotated: (c: SystemCredentials) => void }) {
  const { t, i18n } = useTranslation();
  const agencies = useAgencies();
  const rotate = useRotateSystem();
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const agency = agencies.data?.items.find((a) => String(a.id) === system.agency_id);
  return (
    <li className="row-list__item system-row">
      <div>
        <p className="row-list__title">{system.name}</p>
        <p className="row-list__meta">
          {kindWords(t, system.kind)}
          {agency ? ` · ${agency.name}` : ''}
          {' · '}
          {system.rotated_at ? t('admin.systems.rotatedAt', { when: formatDateTime(system.rotated_at, i18n.language) }) : t('admin.systems.createdAt', { when: formatDateTime(system.created_at, i18n.language) })}
        </p>
        <p className="row-list__meta">
          {t('admin.systems.id')}: <code>{system.id}</code>
        </p>
      </div>
      {confirming ? (
        <InlineConfirm
          question={t('admin.systems.rotateQuestion', { name: system.name })}
          detail={t('admin.systems.rotateDetail')}
          confirmLabel={t('admin.systems.rotateConfirm')}
          pending={rotate.isPending}
          onConfirm={() =>
            rotate.mutate(system.id, {
              onSuccess: (c) => {
                setConfirming(false);
                onRotated(c);
              },
            })
          }
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => buttonRef.current?.focus());
          }}
        />
      ) : (
        <button ref={buttonRef} type="button" className="button button--secondary" aria-label={t('admin.systems.rotateLabel', { name: system.name })} onClick={() => setConfirming(true)}>
          {t('admin.systems.rotate')}
        </button>
      )}
      {rotate.isError && (
        <p className="field__error" role="alert">
          {t('admin.systems.rotateFailed')}
        </p>
      )}
    </li>
  );
}

/** The secret, shown once: a copyable field, the system's id and where the partner reads how to sign. */
function SecretPanel({ creds, rotated, onDone }: { creds: SystemCredentials; rotated: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [creds.secret]);
  return (
    <section className="secret-box" aria-labelledby="system-secret-title">
      <h2 id="system-secret-title" tabIndex={-1} ref={ref}>
        {rotated ? t('admin.systems.rotatedTitle', { name: creds.system.name }) : t('admin.systems.registeredTitle', { name: creds.system.name })}
      </h2>
      <Notice tone="warning" title={t('admin.systems.secretWarningTitle')}>
        {t('admin.systems.secretWarning')}
      </Notice>
      <TextField id="system-id" label={t('admin.systems.systemId', { header: 'X-Zajedno-System' })} readOnly value={creds.system.id} onFocus={(e) => e.target.select()} />
      <CopyButton text={creds.system.id} label={t('admin.systems.copyId')} />
      <TextField id="system-secret" label={t('admin.systems.secret')} hint={t('admin.systems.secretHint')} className="secret-input" readOnly value={creds.secret} spellCheck={false} onFocus={(e) => e.target.select()} />
      <CopyButton text={creds.secret} label={t('admin.systems.copySecret')} />
      <p className="muted">
        {t('admin.systems.docs')} <code>docs/api-inbound.md</code>
      </p>
      {rotated && <p className="muted">{t('admin.systems.oldSecretDay')}</p>}
      <button type="button" className="button button--primary" onClick={onDone}>
        {t('admin.systems.secretDone')}
      </button>
    </section>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (c: SystemCredentials) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const agencies = useAgencies();
  const register = useRegisterSystem();
  const [values, setValues] = useState<{ name: string; kind: SystemKind | ''; agency_id: string }>({ name: '', kind: '', agency_id: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (!values.name.trim()) fe['system-name'] = t('admin.systems.nameRequired');
    if (!values.kind) fe['system-kind'] = t('admin.systems.kindRequired');
    if (!values.agency_id) fe['system-agency'] = t('admin.systems.agencyRequired');
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    try {
      const creds = await register.mutateAsync({ name: values.name.trim(), kind: values.kind as SystemKind, agency_id: values.agency_id });
      announce(t('admin.systems.registered'));
      setValues({ name: '', kind: '', agency_id: '' });
      onRegistered(creds);
    } catch (err) {
      setErrors(problemToErrors(err, t, { name: 'system-name', kind: 'system-kind', agency_id: 'system-agency' }, { conflict: t('admin.systems.nameTaken') }));
    }
  }

  const choices = (agencies.data?.items ?? []).filter((a) => a.type !== 'system');
  return (
    <section aria-labelledby="system-register" className="narrow">
      <h2 id="system-register">{t('admin.systems.registerTitle')}</h2>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField id="system-name" label={t('admin.systems.name')} hint={t('admin.systems.nameHint')} autoComplete="off" value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} error={errors.fields['system-name']} />
        <SelectField id="system-kind" label={t('admin.systems.kind')} value={values.kind} onChange={(e) => setValues({ ...values, kind: e.target.value as SystemKind })} error={errors.fields['system-kind']}>
          <option value="">{t('admin.systems.chooseKind')}</option>
          {SYSTEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.systems.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="system-agency" label={t('admin.systems.agency')} hint={t('admin.systems.agencyHint')} value={values.agency_id} onChange={(e) => setValues({ ...values, agency_id: e.target.value })} error={errors.fields['system-agency']}>
          <option value="">{t('admin.systems.chooseAgency')}</option>
          {choices.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={register.isPending}>
            {register.isPending ? t('common.saving') : t('admin.systems.registerSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
