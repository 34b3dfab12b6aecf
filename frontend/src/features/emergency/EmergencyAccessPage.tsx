import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextAreaField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { isApiError } from '@/lib/api';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useRequestEmergencyAccess } from './api/requestEmergencyAccess';

/** Break the glass: a stated reason, then the case opens; everything is logged and reviewed. */
export function EmergencyAccessPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const request = useRequestEmergencyAccess();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  // 409: `conflict` when the caller is a member already, `wall` for the perpetrator wall.
  const [refused, setRefused] = useState<'member' | 'wall' | null>(null);
  useDocumentTitle(t('emergency.requestTitle'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors(fromFieldErrors({ reason: t('emergency.reasonRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await request.mutateAsync({ caseId: id, reason: reason.trim() });
      announce(t('emergency.granted'));
      navigate(`/cases/${id}`);
    } catch (err) {
      if (isApiError(err) && err.status === 409) {
        setRefused(err.code === 'wall' ? 'wall' : 'member');
        return;
      }
      setErrors(
        problemToErrors(err, t, { reason: 'reason' }, { forbidden: t('emergency.notAllowed'), not_found: t('emergency.caseGone') }, { reason: t('emergency.reasonRequired') }),
      );
    }
  }

  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/cases">← {t('cases.title')}</Link>
      </p>
      <h1>{t('emergency.requestTitle')}</h1>
      <Notice tone="warning" title={t('emergency.warningTitle')}>
        <ul className="bullets">
          <li>{t('emergency.point1')}</li>
          <li>{t('emergency.point2')}</li>
          <li>{t('emergency.point3')}</li>
        </ul>
      </Notice>
      {refused === 'member' ? (
        <Notice tone="info" title={t('emergency.alreadyMember')}>
          <p>
            <Link to={`/cases/${id}`}>{t('emergency.openCase')}</Link>
          </p>
        </Notice>
      ) : refused === 'wall' ? (
        <Notice tone="warning" title={t('emergency.conflictTitle')}>
          <p>{t('emergency.walled')}</p>
        </Notice>
      ) : (
        <>
          <ErrorSummary items={errors.summary} />
          <form onSubmit={submit} noValidate className="form">
            <TextAreaField id="reason" label={t('emergency.reason')} hint={t('emergency.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={errors.fields.reason} />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={request.isPending}>
                {request.isPending ? t('common.saving') : t('emergency.submit')}
              </button>
              <Link to="/cases" className="button button--secondary">
                {t('common.cancel')}
              </Link>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
