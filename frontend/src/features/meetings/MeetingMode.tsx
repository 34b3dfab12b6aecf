import { useTranslation } from 'react-i18next';
import { AgendaBuilder } from './AgendaBuilder';
import { AttendancePanel } from './Attendance';
import { ItemStepper } from './ItemStepper';
import { MinutesEditor } from './MinutesEditor';
import { ReviewActions } from './ReviewActions';
import type { MeetingDetail } from './types';

/**
 * The meeting while it runs, laid out for a tablet: large touch targets, the parts one under
 * the other with a bar to jump between them, and one agenda item at a time.
 */
export function MeetingMode({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const chair = meeting.my_role === 'chair';
  const parts = [
    { id: 'mm-attendance', label: t('meetings.attendance.title') },
    { id: 'mm-items', label: t('meetings.mode.items') },
    { id: 'mm-review', label: t('meetings.review.title') },
    ...(chair ? [{ id: 'mm-minutes', label: t('meetings.minutes.title') }] : []),
  ];
  return (
    <div className="meeting-mode">
      <nav className="meeting-mode__bar" aria-label={t('meetings.mode.parts')}>
        <ul>
          {parts.map((p) => (
            <li key={p.id}>
              <a
                href={`#${p.id}`}
                className="meeting-mode__link"
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(p.id);
                  el?.scrollIntoView({ block: 'start' });
                  el?.focus({ preventScroll: true });
                }}
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <AttendancePanel meeting={meeting} />
      <ItemStepper meeting={meeting} />
      <ReviewActions meeting={meeting} />
      {chair && (
        <details className="details meeting-panel">
          <summary>{t('meetings.mode.changeAgenda')}</summary>
          <AgendaBuilder meeting={meeting} />
        </details>
      )}
      {chair ? <MinutesEditor meeting={meeting} /> : <p className="muted">{t('meetings.minutes.chairWrites')}</p>}
    </div>
  );
}
