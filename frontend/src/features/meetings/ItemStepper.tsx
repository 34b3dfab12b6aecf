import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from './ActionForm';
import { AgendaItemHead } from './AgendaBuilder';
import { ActionList, RecordList } from './AgendaView';
import { orderedItems } from './agendaOrder';
import { ProtectionPlans } from './ProtectionPlans';
import { RecordForm } from './RecordForm';
import type { MeetingDetail } from './types';

/** One agenda item at a time, with previous and next: its notes and decisions, actions, and the case's plans. */
export function ItemStepper({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const items = orderedItems(meeting.items);
  const [currentId, setCurrentId] = useState(items[0]?.id ?? '');
  const headingRef = useRef<HTMLDivElement>(null);
  const chair = meeting.my_role === 'chair';
  const index = Math.max(0, items.findIndex((i) => i.id === currentId));
  const item = items[index];

  const go = (i: number) => {
    const next = items[i];
    if (!next) return;
    setCurrentId(next.id);
    // The new item's title takes focus, so a screen reader hears where the meeting is.
    window.setTimeout(() => headingRef.current?.focus(), 0);
  };

  return (
    <section className="meeting-panel" id="mm-items" aria-labelledby="items-title" tabIndex={-1}>
      <h2 id="items-title">{t('meetings.mode.items')}</h2>
      {!item ? (
        <p className="muted">{t('meetings.agenda.empty')}</p>
      ) : (
        <>
          <div className="item-stepper__nav">
            <button type="button" className="button button--secondary meeting-big" disabled={index === 0} onClick={() => go(index - 1)}>
              <span aria-hidden="true">← </span>
              {t('meetings.mode.previous')}
            </button>
            <label className="visually-hidden" htmlFor="item-jump">
              {t('meetings.mode.jump')}
            </label>
            <select id="item-jump" className="input select item-stepper__jump" value={item.id} onChange={(e) => go(items.findIndex((i) => i.id === e.target.value))}>
              {items.map((it, i) => (
                <option key={it.id} value={it.id}>
                  {`${i + 1}. ${it.title}`}
                </option>
              ))}
            </select>
            <button type="button" className="button button--secondary meeting-big" disabled={index === items.length - 1} onClick={() => go(index + 1)}>
              {t('meetings.mode.next')}
              <span aria-hidden="true"> →</span>
            </button>
          </div>
          <div className="item-stepper__current card" key={item.id}>
            <div ref={headingRef} tabIndex={-1} className="item-stepper__head">
              <p className="eyebrow">{t('meetings.mode.position', { n: index + 1, count: items.length, section: t(`meetings.sections.${item.section}`) })}</p>
              <AgendaItemHead item={item} headingLevel={3} />
            </div>
            <h4>{t('meetings.records.title')}</h4>
            {item.records.length === 0 ? <p className="muted">{t('meetings.records.none')}</p> : <RecordList records={item.records} label={t('meetings.records.listLabel', { title: item.title })} />}
            {chair && <RecordForm meetingId={meeting.id} item={item} />}
            <h4>{t('meetings.actions.title')}</h4>
            {item.actions.length === 0 ? <p className="muted">{t('meetings.actions.none')}</p> : <ActionList actions={item.actions} label={t('meetings.actions.listLabel', { title: item.title })} />}
            {chair && (
              <details className="details">
                <summary>{t('meetings.actions.add')}</summary>
                <ActionForm meeting={meeting} item={item} />
              </details>
            )}
            {item.case_id && <ProtectionPlans meeting={meeting} caseId={item.case_id} itemTitle={item.title} />}
          </div>
        </>
      )}
    </section>
  );
}
