import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { AgendaItemHead } from './AgendaBuilder';
import { orderedItems } from './agendaOrder';
import { SECTIONS, type AgendaItem, type MeetingAction, type MeetingRecord } from './types';

/** The agenda as it stands (or stood), by section, with each item's notes, decisions and actions when asked. */
export function AgendaView({ items, withRecords, title }: { items: AgendaItem[]; withRecords: boolean; title?: string }) {
  const { t } = useTranslation();
  const ordered = orderedItems(items);
  return (
    <section className="meeting-agenda" aria-labelledby="agenda-view-title">
      <h2 id="agenda-view-title">{title ?? t('meetings.agenda.title')}</h2>
      {ordered.length === 0 && <p className="muted">{t('meetings.agenda.empty')}</p>}
      {SECTIONS.map((s) => {
        const inSection = ordered.filter((i) => i.section === s);
        if (inSection.length === 0) return null;
        return (
          <div className="agenda-section" key={s}>
            <h3 id={`agenda-view-${s}`}>{t(`meetings.sections.${s}`)}</h3>
            <ol className="agenda-list" aria-labelledby={`agenda-view-${s}`}>
              {inSection.map((it) => (
                <li className="agenda-item" key={it.id}>
                  <AgendaItemHead item={it} />
                  {withRecords && (
                    <>
                      <RecordList records={it.records} />
                      <ActionList actions={it.actions} />
                    </>
                  )}
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}

/** Notes and decisions in the order they were written; a decision is marked with a word. */
export function RecordList({ records, label }: { records: MeetingRecord[]; label?: string }) {
  const { t, i18n } = useTranslation();
  if (records.length === 0) return null;
  return (
    <ul className="meeting-records" aria-label={label ?? t('meetings.records.label')}>
      {records.map((r) => (
        <li key={r.id} className={`meeting-record meeting-record--${r.kind}`}>
          <p className="meeting-record__head">
            <span className={`tag meeting-tag ${r.kind === 'decision' ? 'tag--decision' : 'tag--neutral'}`}>
              <span aria-hidden="true">{r.kind === 'decision' ? '§ ' : '✎ '}</span>
              {t(`meetings.records.kinds.${r.kind}`)}
            </span>{' '}
            <span className="muted">
              {r.author_name}, <time dateTime={r.created_at}>{formatDateTime(r.created_at, i18n.language)}</time>
            </span>
          </p>
          <p className="prewrap meeting-record__body">{r.body}</p>
        </li>
      ))}
    </ul>
  );
}

/** Actions the group gave: what, who (agency and person), by when, and the outcome once reviewed. */
export function ActionList({ actions, label }: { actions: MeetingAction[]; label?: string }) {
  const { t, i18n } = useTranslation();
  if (actions.length === 0) return null;
  return (
    <ul className="meeting-actions" aria-label={label ?? t('meetings.actions.label')}>
      {actions.map((a) => (
        <li key={a.id} className="meeting-action">
          <p className="meeting-action__title">
            <span aria-hidden="true">→ </span>
            {a.title}
          </p>
          <p className="meeting-row__meta">
            {t('meetings.actions.who', { agency: a.agency_name, name: a.assignee_name, due: formatDateTime(a.due_at, i18n.language) })}
          </p>
          {a.outcome && (
            <p className="meeting-row__meta">
              <OutcomeTag outcome={a.outcome} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function OutcomeTag({ outcome }: { outcome: NonNullable<MeetingAction['outcome']> }) {
  const { t } = useTranslation();
  return (
    <span className={`tag meeting-tag ${outcome === 'done' ? 'tag--ok' : outcome === 'not_carried_out' ? 'tag--urgent' : 'tag--neutral'}`}>
      <span aria-hidden="true">{outcome === 'done' ? '✓ ' : outcome === 'not_carried_out' ? '✕ ' : '↺ '}</span>
      {t(`meetings.review.outcomes.${outcome}`)}
    </span>
  );
}
