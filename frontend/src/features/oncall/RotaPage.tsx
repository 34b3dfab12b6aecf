import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAgencies } from '@/api/agencies';
import { useMe } from '@/api/me';
import { InlineConfirm } from '@/components/InlineConfirm';
import { Notice } from '@/components/Notice';
import { SkeletonList } from '@/components/Skeleton';
import { useAnnounce } from '@/components/Status';
import { useDocumentTitle } from '@/components/useDocumentTitle';
import { useFocusReturn } from '@/components/useFocusReturn';
import { isApiError } from '@/lib/api';
import { formatDateTime, formatRelative, formatTime } from '@/lib/format';
import { useDeleteShift } from './api/deleteShift';
import { useShifts } from './api/shifts';
import { AckTimesSection } from './AckTimesSection';
import { EscalationSection } from './EscalationSection';
import { canEditRota } from './roles';
import { ShiftForm } from './ShiftForm';
import { belgradeDayKey, formatDay } from './time';
import { ROTA_DAYS, type Shift } from './types';

/**
 * One agency's rota for the next two weeks, by day, with who is on call now. A team lead of the
 * agency (or an admin) also adds and removes shifts and sets the escalation step.
 */
export function RotaPage() {
  const { t } = useTranslation();
  const { agencyId = '' } = useParams();
  const me = useMe().data;
  const agencies = useAgencies();
  const shifts = useShifts(agencyId);
  useDocumentTitle(t('oncall.rota.documentTitle'));
  const agency = agencies.data?.items.find((a) => String(a.id) === agencyId);
  const canEdit = canEditRota(me, agencyId);

  if (shifts.isError && isApiError(shifts.error) && shifts.error.status === 404) {
    return (
      <div className="narrow">
        <h1>{t('oncall.rota.notFoundTitle')}</h1>
        <p>{t('oncall.rota.notFoundBody')}</p>
        <p>
          <Link to="/on-call">← {t('oncall.now.title')}</Link>
        </p>
      </div>
    );
  }

  return (
    <>
      <p className="back-link">
        <Link to="/on-call">← {t('oncall.now.title')}</Link>
      </p>
      <p className="eyebrow">{t('oncall.rota.eyebrow')}</p>
      <h1>{agency?.name ?? t('oncall.rota.agencyFallback')}</h1>
      {shifts.isPending ? (
        <SkeletonList rows={4} />
      ) : shifts.isError ? (
        <Notice tone="error">{t('errors.loadFailed')}</Notice>
      ) : (
        <>
          <NowSection shifts={shifts.data.items} />
          <RotaList shifts={shifts.data.items} canEdit={canEdit} />
        </>
      )}
      {canEdit ? <ShiftForm agencyId={agencyId} /> : <p className="muted">{t('oncall.rota.whoEdits')}</p>}
      <EscalationSection agencyId={agencyId} canEdit={canEdit} />
      <AckTimesSection agencyId={agencyId} />
    </>
  );
}

const covers = (s: Shift, at: number) => Date.parse(s.starts_at) <= at && Date.parse(s.ends_at) > at;

function NowSection({ shifts }: { shifts: Shift[] }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  const current = shifts.find((s) => covers(s, now));
  return (
    <section className="card oncall-now" aria-labelledby="rota-now">
      <h2 id="rota-now">{t('oncall.rota.now')}</h2>
      {current ? (
        <>
          <p className="oncall-now__name">{current.oncall_name}</p>
          <p>
            {t('oncall.until', { when: formatDateTime(current.ends_at, i18n.language) })} <span className="muted">({formatRelative(current.ends_at, i18n.language)})</span>
          </p>
          <People shift={current} />
        </>
      ) : (
        <p>{t('oncall.nobody')}</p>
      )}
    </section>
  );
}

/** Backup and head of service of a shift, "nobody" where it names none. */
function People({ shift }: { shift: Shift }) {
  const { t } = useTranslation();
  return (
    <dl className="oncall-people">
      <div>
        <dt>{t('oncall.backup')}</dt>
        <dd>{shift.backup_name ?? <span className="muted">{t('oncall.none')}</span>}</dd>
      </div>
      <div>
        <dt>{t('oncall.head')}</dt>
        <dd>{shift.head_name ?? <span className="muted">{t('oncall.none')}</span>}</dd>
      </div>
    </dl>
  );
}

function RotaList({ shifts, canEdit }: { shifts: Shift[]; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const remove = useDeleteShift();
  const focus = useFocusReturn();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const now = Date.now();

  const days: { key: string; first: string; items: Shift[] }[] = [];
  for (const s of shifts) {
    const key = belgradeDayKey(s.starts_at);
    const day = days.find((d) => d.key === key);
    if (day) day.items.push(s);
    else days.push({ key, first: s.starts_at, items: [s] });
  }

  const cancel = (id: string) => {
    focus.returnTo(id);
    setConfirming(null);
  };
  const confirmRemove = (s: Shift) => {
    setError(null);
    remove.mutate(s.id, {
      onSuccess: () => {
        setConfirming(null);
        announce(t('oncall.rota.removed'));
        headingRef.current?.focus();
      },
      onError: (err) => {
        setConfirming(null);
        focus.returnTo(s.id);
        const status = isApiError(err) ? err.status : 0;
        const message = status === 409 ? t('oncall.rota.removeConflict') : status === 403 ? t('oncall.form.forbidden') : status === 404 ? t('oncall.rota.removeGone') : t('oncall.rota.removeFailed');
        setError({ id: s.id, message });
      },
    });
  };

  return (
    <section aria-labelledby="rota-title">
      <h2 id="rota-title" tabIndex={-1} ref={headingRef}>
        {t('oncall.rota.title', { days: ROTA_DAYS })}
      </h2>
      {days.length === 0 ? (
        <Notice title={t('oncall.rota.empty')}>{t('oncall.rota.emptyHint')}</Notice>
      ) : (
        days.map((d) => (
          <section key={d.key} className="rota-day" aria-labelledby={`rota-day-${d.key}`}>
            <h3 id={`rota-day-${d.key}`} className="rota-day__title">
              {formatDay(d.first, i18n.language)}
            </h3>
            <ul className="row-list">
              {d.items.map((s) => {
                const running = covers(s, now);
                const future = Date.parse(s.starts_at) > now;
                const when = formatDateTime(s.starts_at, i18n.language);
                const sameDay = belgradeDayKey(s.ends_at) === belgradeDayKey(s.starts_at);
                return (
                  <li key={s.id} className={`row-list__item row-list__item--wrap rota-shift${running ? ' rota-shift--now' : ''}`}>
                    <div className="row-list__text">
                      <p className="rota-shift__time">
                        {t('oncall.rota.span', {
                          from: formatTime(s.starts_at, i18n.language),
                          to: sameDay ? formatTime(s.ends_at, i18n.language) : formatDateTime(s.ends_at, i18n.language),
                        })}
                        {running && <span className="tag tag--ok">{t('oncall.rota.runningNow')}</span>}
                      </p>
                      <p className="row-list__title">
                        <span className="visually-hidden">{t('oncall.oncall')}: </span>
                        {s.oncall_name}
                      </p>
                      <People shift={s} />
                      {error?.id === s.id && (
                        <p className="field__error" role="alert">
                          <span aria-hidden="true">⚠ </span>
                          {error.message}
                        </p>
                      )}
                    </div>
                    {canEdit &&
                      future &&
                      (confirming === s.id ? (
                        <InlineConfirm
                          question={t('oncall.rota.confirmRemove', { name: s.oncall_name, when })}
                          detail={t('oncall.rota.confirmRemoveDetail')}
                          confirmLabel={t('oncall.rota.confirmRemoveButton')}
                          pending={remove.isPending}
                          onConfirm={() => confirmRemove(s)}
                          onCancel={() => cancel(s.id)}
                        />
                      ) : (
                        <button type="button" className="button button--secondary button--small" ref={focus.ref(s.id)} disabled={remove.isPending} onClick={() => setConfirming(s.id)}>
                          {t('oncall.rota.remove')}
                          <span className="visually-hidden"> — {t('oncall.rota.removeWhich', { name: s.oncall_name, when })}</span>
                        </button>
                      ))}
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
