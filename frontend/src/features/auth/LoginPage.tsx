import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { CodeField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { clearSessionEnded, sessionEndedMarked } from '@/lib/sessionEnded';
import { fromFieldErrors, noErrors, problemToErrors, type FieldErrors, type FormErrors } from '@/lib/formErrors';
import { useLogin, type LoginInput } from './api/login';

type Step = 'credentials' | 'mfa';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [sessionEnded] = useState(sessionEndedMarked);
  useEffect(() => clearSessionEnded(), []);
  const login = useLogin();
  const [step, setStep] = useState<Step>('credentials');
  const [useRecovery, setUseRecovery] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const codeRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(step === 'mfa' ? t('login.mfaTitle') : t('login.title'));

  const codeId = useRecovery ? 'recovery-code' : 'totp-code';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fieldErrors: FieldErrors = {};
    if (step === 'credentials') {
      if (!username.trim()) fieldErrors.username = t('login.usernameRequired');
      if (!password) fieldErrors.password = t('login.passwordRequired');
    } else if (useRecovery) {
      if (!code.trim()) fieldErrors['recovery-code'] = t('login.recoveryRequired');
    } else if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      fieldErrors['totp-code'] = t('login.codeFormat');
    }
    if (Object.keys(fieldErrors).length) {
      setErrors(fromFieldErrors(fieldErrors));
      return;
    }
    setErrors(noErrors);
    const input: LoginInput = { username: username.trim(), password };
    if (step === 'mfa') {
      if (useRecovery) input.recovery_code = code.trim();
      else input.totp_code = code.replace(/\s/g, '');
    }
    try {
      const res = await login.mutateAsync(input);
      if (res.user.must_change_password) navigate('/change-password', { replace: true });
      else navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      if (isApiError(err) && err.code === 'mfa_required' && step === 'credentials') {
        setStep('mfa');
        setCode('');
        window.setTimeout(() => codeRef.current?.focus(), 0);
        return;
      }
      if (isApiError(err) && (err.code === 'mfa_required' || err.code === 'unauthenticated') && step === 'mfa') {
        setErrors(fromFieldErrors({ [codeId]: useRecovery ? t('login.recoveryWrong') : t('login.codeWrong') }));
        return;
      }
      if (isApiError(err) && err.code === 'unauthenticated') {
        setErrors(fromFieldErrors({ password: t('login.wrongCredentials') }));
        return;
      }
      setErrors(
        problemToErrors(err, t, { username: 'username', password: 'password', totp_code: 'totp-code', recovery_code: 'recovery-code' }, { too_many_requests: t('login.tooMany') }),
      );
    }
  }

  return (
    <div className="narrow">
      {step === 'credentials' ? (
        <>
          <h1>{t('login.title')}</h1>
          {sessionEnded && <Notice tone="info">{t('login.sessionEnded')}</Notice>}
          <ErrorSummary items={errors.summary} />
          <form onSubmit={submit} noValidate className="form">
            <TextField
              id="username"
              label={t('login.username')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              error={errors.fields.username}
            />
            <TextField
              id="password"
              type="password"
              label={t('login.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.fields.password}
            />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={login.isPending}>
                {login.isPending ? t('login.signingIn') : t('login.submit')}
              </button>
            </div>
          </form>
          <p className="muted">{t('login.forgotten')}</p>
        </>
      ) : (
        <>
          <h1>{t('login.mfaTitle')}</h1>
          <p>{useRecovery ? t('login.recoveryIntro') : t('login.mfaIntro')}</p>
          <ErrorSummary items={errors.summary} />
          <form onSubmit={submit} noValidate className="form">
            {useRecovery ? (
              <TextField
                key="recovery"
                id="recovery-code"
                ref={codeRef}
                label={t('login.recoveryCode')}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={errors.fields['recovery-code']}
              />
            ) : (
              <CodeField
                key="totp"
                id="totp-code"
                ref={codeRef}
                label={t('login.code')}
                hint={t('login.codeHint')}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={errors.fields['totp-code']}
              />
            )}
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setUseRecovery((v) => !v);
                  setCode('');
                  setErrors(noErrors);
                }}
              >
                {useRecovery ? t('login.useApp') : t('login.useRecovery')}
              </button>
            </p>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={login.isPending}>
                {login.isPending ? t('login.signingIn') : t('login.verify')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setStep('credentials');
                  setPassword('');
                  setCode('');
                  setErrors(noErrors);
                }}
              >
                {t('common.back')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
