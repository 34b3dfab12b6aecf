import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { usePushDevice, type PushProblem } from './usePushDevice';

/**
 * "This device": push notifications on the browser in hand. Whether it can have them, whether
 * they are allowed and on, and the one button that turns them on or off, with a message that
 * says what to do when something is in the way.
 */
export function PushDevice({ userId, pushEnabled }: { userId: string; pushEnabled: boolean | undefined }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const device = usePushDevice(userId, i18n.language);

  // The outcome of a press is said once it is known.
  const wasOn = useRef(device.on);
  useEffect(() => {
    if (wasOn.current !== null && device.on !== null && wasOn.current !== device.on) announce(t(device.on ? 'notifications.device.on' : 'notifications.device.off'));
    wasOn.current = device.on;
  }, [device.on, announce, t]);

  const problem: PushProblem | null = device.problem ?? (device.on ? null : device.keyProblem);

  return (
    <div className="push-device">
      <h3 id="push-device-title">{t('notifications.device.title')}</h3>
      <p>{t('notifications.device.intro')}</p>
      {!device.supported ? (
        <Notice tone="info" title={t('notifications.device.problems.unsupported.title')}>
          <p>{t('notifications.device.problems.unsupported.text')}</p>
        </Notice>
      ) : device.on === null ? (
        <p aria-busy="true">{t('notifications.device.checking')}</p>
      ) : (
        <>
          <p className="push-device__state">
            <span aria-hidden="true">{device.on ? '✓ ' : device.permission === 'denied' ? '⚠ ' : '○ '}</span>
            {t(device.on ? 'notifications.device.on' : device.permission === 'denied' ? 'notifications.device.blocked' : 'notifications.device.off')}
          </p>
          {device.on && pushEnabled === false && (
            <Notice tone="warning">
              <p>{t('notifications.device.pushOff')}</p>
            </Notice>
          )}
          {problem ? (
            <Notice tone={problem === 'noServer' ? 'info' : 'error'} role={device.problem ? 'alert' : undefined} title={t(`notifications.device.problems.${problem}.title`)}>
              <p>{t(`notifications.device.problems.${problem}.text`)}</p>
            </Notice>
          ) : (
            device.permission === 'denied' &&
            !device.on && (
              <Notice tone="warning" title={t('notifications.device.problems.denied.title')}>
                <p>{t('notifications.device.problems.denied.text')}</p>
              </Notice>
            )
          )}
          <div className="form__actions">
            {device.on ? (
              <button type="button" className="button button--secondary" onClick={device.turnOff} disabled={device.working}>
                {device.turningOff ? t('notifications.device.turningOff') : t('notifications.device.turnOff')}
              </button>
            ) : (
              problem !== 'noServer' && (
                <button type="button" className="button button--primary" onClick={device.turnOn} disabled={device.working}>
                  {device.turningOn ? t('notifications.device.turningOn') : t('notifications.device.turnOn')}
                </button>
              )
            )}
          </div>
        </>
      )}
    </div>
  );
}
