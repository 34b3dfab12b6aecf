import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CopyButton } from '@/components/CopyButton';
import { ErrorSummary } from '@/components/ErrorSummary';
import { CodeField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useConfirmMfa } from './api/mfaConfirm';
import { useEnrollMfa } from './api/mfaEnroll';

/** Turning on the second factor in three short steps: start, scan and confirm, keep the recovery codes. */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enroll = useEnrollMfa();
  const confirm = useConfirmMfa();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [codes, setCodes] = useState<string[] | null>(null);
  useDocumentTitle(t('mfa.title'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(clean)) {
      setErrors(fromFieldErrors({ 'mfa-code': t('login.codeFormat') }));
      return;
    }
    setErrors(noErrors);
    try {
      const res = await confirm.mutateAsync(clean);
      setCodes(res.recovery_codes);
    } catch (err) {
      const problem = problemToErrors(err, t, { code: 'mfa-code' });
      // The server answers a wrong code with 422 naming "code": say it in plain words.
      if (problem.fields['mfa-code']) problem.fields['mfa-code'] = t('mfa.codeWrong');
      problem.summary = problem.summary.map((s) => (s.fieldId === 'mfa-code' ? { ...s, message: t('mfa.codeWrong') } : s));
      setErrors(problem);
    }
  }

  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/profile">← {t('profile.title')}</Link>
      </p>
      <h1>{t('mfa.setUpTitle')}</h1>
      {codes ? (
        <>
          <Notice tone="success" role="status" title={t('mfa.enabled')} />
          <h2>{t('mfa.recoveryTitle')}</h2>
          <p>{t('mfa.recoveryExplain')}</p>
          <ol className="recovery-codes" data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <CopyButton text={codes.join('\n')} label={t('mfa.copyCodes')} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--primary" onClick={() => navigate('/profile', { replace: true, state: { flash: 'mfaEnabled' } })}>
              {t('mfa.savedCodes')}
            </button>
          </div>
        </>
      ) : !enroll.data ? (
        <>
          <p>{t('mfa.intro')}</p>
          <ol className="steps">
            <li>{t('mfa.step1')}</li>
            <li>{t('mfa.step2')}</li>
            <li>{t('mfa.step3')}</li>
          </ol>
          {enroll.isError && <ErrorSummary items={problemToErrors(enroll.error, t).summary} />}
          <div className="form__actions">
            <button type="button" className="button button--primary" disabled={enroll.isPending} onClick={() => enroll.mutate()}>
              {t('mfa.start')}
            </button>
          </div>
        </>
      ) : (
        <>
          <h2>{t('mfa.scanTitle')}</h2>
          <p>{t('mfa.scanText')}</p>
          <img className="qr" src={enroll.data.qr_png} alt={t('mfa.qrAlt')} width={200} height={200} />
          <details className="details">
            <summary>{t('mfa.manualTitle')}</summary>
            <p>{t('mfa.manualText')}</p>
            <p>
              <code className="secret" data-testid="mfa-secret">
                {enroll.data.secret}
              </code>
            </p>
            <CopyButton text={enroll.data.secret} />
          </details>
          <ErrorSummary items={errors.summary} />
          <form onSubmit={submit} noValidate className="form">
            <CodeField
              id="mfa-code"
              label={t('mfa.codeLabel')}
              hint={t('login.codeHint')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errors.fields['mfa-code']}
            />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={confirm.isPending}>
                {t('mfa.confirm')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
