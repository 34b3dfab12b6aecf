import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/api/me';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useMailbox, useNotificationPrefs, useSaveNotificationPrefs, type NotificationPrefs } from './api/notifications';
import { PushDevice } from './PushDevice';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Email and push choices, quiet hours and the time zone; push on this device; and the
 * development mailbox when the server keeps one.
 */
export function NotificationsSection() {
  const { t } = useTranslation();
  const me = useMe().data;
  const prefs = useNotificationPrefs();
  return (
    <section className="card" aria-labelledby="profile-notifications">
      <h2 id="profile-notifications">{t('notifications.title')}</h2>
      <p>{t('notifications.intro')}</p>
      <ul className="notify-facts">
        <li>{t('notifications.noPersonalData')}</li>
        <li>{t('notifications.urgentIgnoresQuiet')}</li>
      </ul>
      {prefs.isPending ? (
        <SkeletonList rows={3} />
      ) : prefs.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <PrefsForm prefs={prefs.data} />
      )}
      {me && <PushDevice userId={String(me.id)} pushEnabled={prefs.data?.push_enabled} />}
      <MailboxLink />
    </section>
  );
}

function PrefsForm({ prefs }: { prefs: NotificationPrefs }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const save = useSaveNotificationPrefs();
  const [values, setValues] = useState({
    email: prefs.email ?? '',
    email_enabled: prefs.email_enabled,
    push_enabled: prefs.push_enabled,
    quiet_from: prefs.quiet_from ?? '',
    quiet_to: prefs.quiet_to ?? '',
    time_zone: prefs.time_zone || 'Europe/Belgrade',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fe: Record<string, string> = {};
    if (values.quiet_from && !HHMM.test(values.quiet_from)) fe['notify-quiet-from'] = t('notifications.timeInvalid');
    if (values.quiet_to && !HHMM.test(values.quiet_to)) fe['notify-quiet-to'] = t('notifications.timeInvalid');
    if (!values.quiet_from !== !values.quiet_to) fe[values.quiet_from ? 'notify-quiet-to' : 'notify-quiet-from'] = t('notifications.quietBoth');
    if (!values.time_zone.trim()) fe['notify-time-zone'] = t('notifications.timeZoneRequired', { example: 'Europe/Belgrade' });
    if (Object.keys(fe).length) {
      setErrors(fromFieldErrors(fe));
      return;
    }
    setErrors(noErrors);
    try {
      const saved = await save.mutateAsync({
        email: values.email.trim(),
        email_enabled: values.email_enabled,
        push_enabled: values.push_enabled,
        quiet_from: values.quiet_from || null,
        quiet_to: values.quiet_to || null,
        time_zone: values.time_zone.trim(),
      });
      setValues((v) => ({ ...v, email: saved.email ?? '', time_zone: saved.time_zone }));
      announce(t('notifications.saved'));
    } catch (err) {
      setErrors(problemToErrors(err, t, { email: 'notify-email', quiet_from: 'notify-quiet-from', quiet_to: 'notify-quiet-to', time_zone: 'notify-time-zone' }));
    }
  }

  return (
    <>
      <ErrorSummary items={errors.summary} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="notify-email"
          type="email"
          label={t('notifications.email')}
          hint={t('notifications.emailHint')}
          autoComplete="email"
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
          error={errors.fields['notify-email']}
        />
        <fieldset className="field fieldset">
          <legend className="field__label">{t('notifications.channels')}</legend>
          <div className="checkboxes">
            <div className="checkbox">
              <input id="notify-email-enabled" type="checkbox" checked={values.email_enabled} onChange={(e) => setValues({ ...values, email_enabled: e.target.checked })} />
              <label htmlFor="notify-email-enabled">{t('notifications.emailEnabled')}</label>
            </div>
            <div className="checkbox">
              <input id="notify-push-enabled" type="checkbox" checked={values.push_enabled} onChange={(e) => setValues({ ...values, push_enabled: e.target.checked })} />
              <label htmlFor="notify-push-enabled">{t('notifications.pushEnabled')}</label>
            </div>
          </div>
        </fieldset>
        <fieldset className="field fieldset" aria-describedby="notify-quiet-hint">
          <legend className="field__label">{t('notifications.quietHours')}</legend>
          <p className="field__hint" id="notify-quiet-hint">
            {t('notifications.quietHint')}
          </p>
          <div className="notify-quiet">
            <TextField id="notify-quiet-from" type="time" label={t('notifications.quietFrom')} value={values.quiet_from} onChange={(e) => setValues({ ...values, quiet_from: e.target.value })} error={errors.fields['notify-quiet-from']} />
            <TextField id="notify-quiet-to" type="time" label={t('notifications.quietTo')} value={values.quiet_to} onChange={(e) => setValues({ ...values, quiet_to: e.target.value })} error={errors.fields['notify-quiet-to']} />
          </div>
        </fieldset>
        <TextField
          id="notify-time-zone"
          label={t('notifications.timeZone')}
          hint={t('notifications.timeZoneHint', { example: 'Europe/Belgrade' })}
          autoComplete="off"
          spellCheck={false}
          value={values.time_zone}
          onChange={(e) => setValues({ ...values, time_zone: e.target.value })}
          error={errors.fields['notify-time-zone']}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('notifications.save')}
          </button>
        </div>
      </form>
    </>
  );
}

/** Shown only when the server keeps a development mailbox (GET /me/mailbox succeeds). */
function MailboxLink() {
  const { t } = useTranslation();
  const mailbox = useMailbox();
  if (!mailbox.isSuccess) return null;
  return (
    <p>
      <Link to="/mailbox">{t('notifications.mailboxLink', { count: mailbox.data.items.length })}</Link>
    </p>
  );
}
