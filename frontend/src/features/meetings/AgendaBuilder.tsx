import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/ErrorSummary';
import { SelectField, TextField } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAnnounce } from '@/components/Status';
import { fromFieldErrors, noErrors, problemToErrors, type FormErrors } from '@/lib/formErrors';
import { useAddItem } from './api/addItem';
import { useAreaCases } from './api/areaCases';
import { useInviteToItem } from './api/inviteToItem';
import { useRefreshAgenda } from './api/refreshAgenda';
import { useReorderAgenda } from './api/reorderAgenda';
import { moveWithinSection, orderedItems } from './agendaOrder';
import { RepeatMark, RiskMark } from './bits';
import { useCandidates } from './api/candidates';
import { useInviteCandidates } from './people';
import { SECTIONS, type AgendaItem, type MeetingDetail, type Section } from './types';

/**
 * The chair's agenda: the sections in the legal order (new, ongoing, court, other), repeat
 * cases first and marked, items moved up and down within their section, topics and cases
 * added, the area's new cases brought in, occasional members invited to one item.
 */
export function AgendaBuilder({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const reorder = useReorderAgenda();
  const refresh = useRefreshAgenda();
  const [problem, setProblem] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const pendingFocus = useRef<{ id: string; dir: -1 | 1 } | null>(null);
  const items = orderedItems(meeting.items);

  const move = (item: AgendaItem, dir: -1 | 1) => {
    if (reorder.isPending) return;
    const ids = moveWithinSection(meeting.items, item.id, dir);
    if (!ids) return;
    setProblem('');
    const inSection = ids.filter((id) => meeting.items.find((i) => i.id === id)?.section === item.section);
    const position = inSection.indexOf(item.id) + 1;
    reorder.mutate(
      { meetingId: meeting.id, itemIds: ids },
      {
        onSuccess: () =>
          announce(t('meetings.agenda.moved', { title: item.title, position, count: inSection.length, section: t(`meetings.sections.${item.section}`) })),
        onError: (e) => setProblem(problemToErrors(e, t, {}, { validation: t('meetings.agenda.reorderStale'), conflict: t('meetings.agenda.locked') }).summary[0]?.message ?? ''),
      },
    );
    pendingFocus.current = { id: item.id, dir };
  };

  // Once the item has moved, focus stays on the same button of it; at the end of its section, on the other one.
  useEffect(() => {
    const p = pendingFocus.current;
    if (!p) return;
    const same = buttons.current.get(`${p.id}:${p.dir}`);
    const other = buttons.current.get(`${p.id}:${-p.dir}`);
    if (!same && !other) return;
    pendingFocus.current = null;
    (same && !same.disabled ? same : other)?.focus();
  }, [meeting.items]);

  const bringIn = () => {
    setProblem('');
    refresh.mutate(meeting.id, {
      onSuccess: (r) => announce(r.added > 0 ? t('meetings.agenda.refreshed', { count: r.added }) : t('meetings.agenda.refreshedNone')),
      onError: (e) => setProblem(problemToErrors(e, t, {}, { conflict: t('meetings.agenda.locked') }).summary[0]?.message ?? ''),
    });
  };

  return (
    <section className="meeting-agenda" aria-labelledby="agenda-title">
      <div className="page-head">
        <h2 id="agenda-title">{t('meetings.agenda.title')}</h2>
        <button type="button" className="button button--secondary" onClick={bringIn} disabled={refresh.isPending}>
          {refresh.isPending ? t('common.working') : t('meetings.agenda.refresh')}
        </button>
      </div>
      <p className="muted">{t('meetings.agenda.intro')}</p>
      <div aria-live="polite">{problem && <Notice tone="error">{problem}</Notice>}</div>
      {SECTIONS.map((s) => {
        const inSection = items.filter((i) => i.section === s);
        return (
          <div className="agenda-section" key={s}>
            <h3 id={`agenda-section-${s}`}>
              {t(`meetings.sections.${s}`)} <span className="muted agenda-section__count">({inSection.length})</span>
            </h3>
            {inSection.length === 0 ? (
              <p className="muted">{t('meetings.agenda.sectionEmpty')}</p>
            ) : (
              <ol className="agenda-list" aria-labelledby={`agenda-section-${s}`}>
                {inSection.map((it, i) => (
                  <li className="agenda-item" key={it.id}>
                    <AgendaItemHead item={it} />
                    {inSection.length > 1 && (
                      <div className="agenda-item__tools">
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          ref={(el) => {
                            buttons.current.set(`${it.id}:-1`, el);
                          }}
                          disabled={i === 0}
                          onClick={() => move(it, -1)}
                        >
                          <span aria-hidden="true">↑ </span>
                          {t('meetings.agenda.up')}
                          <span className="visually-hidden"> — {it.title}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          ref={(el) => {
                            buttons.current.set(`${it.id}:1`, el);
                          }}
                          disabled={i === inSection.length - 1}
                          onClick={() => move(it, 1)}
                        >
                          <span aria-hidden="true">↓ </span>
                          {t('meetings.agenda.down')}
                          <span className="visually-hidden"> — {it.title}</span>
                        </button>
                      </div>
                    )}
                    <InviteToItem meeting={meeting} item={it} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
      <AddTopic meetingId={meeting.id} />
      <AddCase meeting={meeting} />
    </section>
  );
}

/** An item's title (a case links to its workspace), its marks and its invitees. */
export function AgendaItemHead({ item, headingLevel }: { item: AgendaItem; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const Title = headingLevel ? (`h${headingLevel}` as const) : 'p';
  return (
    <div className="agenda-item__main">
      <Title className="agenda-item__title">{item.case_id ? <Link to={`/cases/${item.case_id}`}>{item.title}</Link> : item.title}</Title>
      {(item.repeat || item.risk_level) && (
        <p className="agenda-item__tags">
          {item.repeat && <RepeatMark />}
          {item.risk_level && <RiskMark level={item.risk_level} />}
        </p>
      )}
      {item.invitees.length > 0 && (
        <p className="agenda-item__invitees">
          {t('meetings.agenda.invited', { names: item.invitees.map((i) => `${i.display_name} (${i.agency_name})`).join(', ') })}
        </p>
      )}
    </div>
  );
}

function InviteToItem({ meeting, item }: { meeting: MeetingDetail; item: AgendaItem }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  if (!open)
    return (
      <p className="agenda-item__invite">
        <button type="button" className="link-button" ref={toggle} onClick={() => setOpen(true)}>
          {t('meetings.invite.open')}
          <span className="visually-hidden"> — {item.title}</span>
        </button>
      </p>
    );
  return (
    <InviteForm
      meeting={meeting}
      item={item}
      onClose={() => {
        setOpen(false);
        window.setTimeout(() => toggle.current?.focus(), 0);
      }}
    />
  );
}

/** Invite an occasional member (someone outside the group) to one item; they see only that item and the case's plan. */
export function InviteForm({ meeting, item, onClose }: { meeting: MeetingDetail; item: AgendaItem; onClose: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const invite = useInviteToItem();
  const candidates = useInviteCandidates(
    meeting,
    item.case_id,
    item.invitees.map((i) => i.user_id),
  );
  const id = `invite-${item.id}`;
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [q, setQ] = useState('');
  const found = useCandidates(meeting.group_id, q);
  const invited = new Set(item.invitees.map((i) => i.user_id));
  const people = [
    ...(found.data?.items ?? []).filter((p) => !invited.has(p.user_id)).map((p) => ({ id: p.user_id, name: p.display_name, agencyName: p.agency_name })),
    ...candidates.people.filter((p) => !(found.data?.items ?? []).some((f) => f.user_id === p.id)),
  ];
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) {
      setErrors(fromFieldErrors({ [id]: t('meetings.invite.required') }));
      return;
    }
    setErrors(noErrors);
    try {
      await invite.mutateAsync({ meetingId: meeting.id, itemId: item.id, userId });
      const who = people.find((p) => p.id === userId)?.name ?? '';
      announce(t('meetings.invite.done', { name: who, title: item.title }));
      onClose();
    } catch (err) {
      setErrors(problemToErrors(err, t, { user_id: id }, { conflict: t('meetings.agenda.locked') }, { [id]: t('meetings.invite.invalid') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform agenda-item__form" aria-label={t('meetings.invite.formLabel', { title: item.title })}>
      <ErrorSummary items={errors.summary} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          {t('meetings.invite.findByName')}
        </label>
        <p className="field__hint" id={`${id}-name-hint`}>
          {t('meetings.invite.findHint')}
        </p>
        <div className="search__row">
          <input
            id={`${id}-name`}
            className="input"
            type="search"
            value={name}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setQ(name.trim());
              }
            }}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="button" className="button button--secondary" onClick={() => setQ(name.trim())}>
            {t('common.search')}
          </button>
        </div>
        {q.length >= 2 && found.data && (
          <p className="muted" role="status">
            {t('meetings.invite.found', { count: found.data.items.length })}
          </p>
        )}
      </div>
      <SelectField id={id} label={t('meetings.invite.who')} hint={t('meetings.invite.hint')} value={userId} onChange={(e) => setUserId(e.target.value)} error={errors.fields[id]}>
        <option value="">{candidates.isPending || found.isFetching ? t('common.loading') : people.length === 0 ? t('meetings.invite.nobody') : t('meetings.invite.choose')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.agencyName ? `${p.name} — ${p.agencyName}` : p.name}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={invite.isPending}>
          {invite.isPending ? t('common.saving') : t('meetings.invite.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AddTopic({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddItem();
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) {
      setErrors(fromFieldErrors({ 'agenda-topic': t('meetings.agenda.topicRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      await add.mutateAsync({ meetingId, title: title.trim() });
      announce(t('meetings.agenda.added', { title: title.trim() }));
      setTitle('');
    } catch (err) {
      setErrors(problemToErrors(err, t, { title: 'agenda-topic' }, { conflict: t('meetings.agenda.locked') }, { 'agenda-topic': t('meetings.agenda.topicTooLong') }));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform" aria-labelledby="agenda-topic-title">
      <h3 id="agenda-topic-title">{t('meetings.agenda.addTopic')}</h3>
      <ErrorSummary items={errors.summary} />
      <TextField id="agenda-topic" label={t('meetings.agenda.topic')} hint={t('meetings.agenda.topicHint')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.fields['agenda-topic']} />
      <div className="button-row">
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('meetings.agenda.addTopicSubmit')}
        </button>
      </div>
    </form>
  );
}

function AddCase({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const add = useAddItem();
  const [open, setOpen] = useState(false);
  const cases = useAreaCases(open);
  const [caseId, setCaseId] = useState('');
  const [section, setSection] = useState<Section>('court');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const onAgenda = new Set(meeting.items.map((i) => i.case_id));
  const choices = (cases.data?.items ?? []).filter((c) => c.status !== 'closed' && !onAgenda.has(String(c.id)));

  if (!open)
    return (
      <p>
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('meetings.agenda.addCase')}
        </button>
      </p>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!caseId) {
      setErrors(fromFieldErrors({ 'agenda-case': t('meetings.agenda.caseRequired') }));
      return;
    }
    setErrors(noErrors);
    try {
      const it = await add.mutateAsync({ meetingId: meeting.id, case_id: caseId, section });
      announce(t('meetings.agenda.added', { title: it.title }));
      setCaseId('');
    } catch (err) {
      setErrors(
        problemToErrors(
          err,
          t,
          { case_id: 'agenda-case', section: 'agenda-case-section' },
          { conflict: t('meetings.agenda.caseOnAgenda') },
          { 'agenda-case': t('meetings.agenda.caseInvalid') },
        ),
      );
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form subform" aria-labelledby="agenda-case-title">
      <h3 id="agenda-case-title">{t('meetings.agenda.addCase')}</h3>
      <ErrorSummary items={errors.summary} />
      <SelectField id="agenda-case" label={t('meetings.agenda.case')} value={caseId} onChange={(e) => setCaseId(e.target.value)} error={errors.fields['agenda-case']}>
        <option value="">{cases.isPending ? t('common.loading') : choices.length === 0 ? t('meetings.agenda.noCases') : t('meetings.agenda.chooseCase')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </SelectField>
      <SelectField id="agenda-case-section" label={t('meetings.agenda.section')} value={section} onChange={(e) => setSection(e.target.value as Section)} error={errors.fields['agenda-case-section']}>
        {SECTIONS.map((s) => (
          <option key={s} value={s}>
            {t(`meetings.sections.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="button-row">
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('meetings.agenda.addCaseSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
