/**
 * One meeting, lecture or activity (/care/meetings/:id): when, where, hosting teams, attendees
 * (present or absent, in words), minutes, the needs analysed (ref, category, title, status — no
 * personal data; needs outside the reader's area only counted) and the work items made from it.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { usePT } from './i18n';
import { ItemList } from './ItemList';
import { PLANS_KEY, QUEUE_KEY, shanghaiDateTime, type Meeting, type Paged, type WorkItem } from './model';
import type { WorkItemTarget } from './WorkItemDialog';
import { LazyWorkItemDialog } from './LazyWorkItemDialog';
import './plans.css';

export default function MeetingPage() {
  const { id } = useParams();
  const { t } = usePT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [target, setTargetState] = useState<WorkItemTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const setTarget = (next: WorkItemTarget | null) => {
    if (next) trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setTargetState(next);
  };
  const meeting = useQuery({
    queryKey: [...PLANS_KEY, 'meeting', id],
    queryFn: ({ signal }) => api.get<Meeting>(`/care/meetings/${id}`, { signal }),
  });
  const items = useQuery({
    queryKey: [...PLANS_KEY, 'items', { meetingId: id }],
    queryFn: ({ signal }) =>
      api.get<Paged<WorkItem>>('/care/work-items', { query: { meetingId: id, limit: 500 }, signal }),
  });
  if (meeting.isPending) return <Loading />;
  if (!meeting.data) return <p className="notice notice-error">{t('meeting.notFound')}</p>;
  const m = meeting.data;
  return (
    <>
      <PageTitle title={m.title} />
      <p>
        <Link to="/care/meetings">{t('meeting.back')}</Link>
      </p>
      <div className="toolbar">
        <Link className="button-link" to={`/care/meetings/${m.id}/edit`}>
          {t('meeting.edit')}
        </Link>
      </div>
      {notice && <p className="notice notice-success">{notice}</p>}
      <section aria-labelledby="meeting-facts">
        <h2 id="meeting-facts">{t('meeting.facts')}</h2>
        <dl className="plans-facts">
          <dt>{t('meetingForm.kind')}</dt>
          <dd>{t(`kind.${m.kind}`)}</dd>
          <dt>{t('meetings.when')}</dt>
          <dd>{shanghaiDateTime(m.heldAt)}</dd>
          <dt>{t('meetings.place')}</dt>
          <dd>{m.place || t('none')}</dd>
          <dt>{t('meeting.hosts')}</dt>
          <dd>{m.organisations.map((o) => o.name).join(t('listSep')) || t('none')}</dd>
        </dl>
      </section>
      <section aria-labelledby="meeting-attendees">
        <h2 id="meeting-attendees">
          {t('meeting.attendeesTitle', { present: m.presentCount, total: m.attendees.length })}
        </h2>
        <ul className="plans-attendees">
          {m.attendees.map((a, i) => (
            <li key={i}>
              <span>{a.name}</span>
              <span className="muted">{t(`attendeeKind.${a.kind}`)}</span>
              <span>{a.present ? t('meeting.present') : <strong>{t('meeting.absent')}</strong>}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="meeting-minutes">
        <h2 id="meeting-minutes">{t('meeting.minutesTitle')}</h2>
        <p className="plans-minutes">{m.minutes || t('meeting.noMinutes')}</p>
      </section>
      <section aria-labelledby="meeting-needs">
        <h2 id="meeting-needs">{t('meeting.needsTitle')}</h2>
        {m.needs.length === 0 ? (
          <p>{t('meeting.noNeeds')}</p>
        ) : (
          <table className="plans-tasks">
            <thead>
              <tr>
                <th scope="col">{t('meeting.needRef')}</th>
                <th scope="col">{t('meeting.needTitle')}</th>
                <th scope="col">{t('meeting.needStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {m.needs.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{n.ref}</th>
                  <td>{n.title}</td>
                  <td>{t(`needStatus.${n.status as 'open'}`, { defaultValue: n.status })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {m.hiddenNeedCount > 0 && <p>{t('meeting.hiddenNeeds', { count: m.hiddenNeedCount })}</p>}
      </section>
      <section aria-labelledby="meeting-items">
        <h2 id="meeting-items">{t('meeting.itemsTitle')}</h2>
        <ItemList
          items={items.data?.items ?? []}
          empty={t('meeting.noItems')}
          onOpen={(item) => setTarget({ kind: 'edit', item })}
        />
        <Button type="primary" onClick={() => setTarget({ kind: 'create', meeting: m })}>
          {t('meeting.addItem')}
        </Button>
      </section>
      <LazyWorkItemDialog
        target={target}
        returnFocus={trigger}
        onClose={() => setTarget(null)}
        onDone={(item, created) => {
          setTarget(null);
          const msg = created
            ? t('item.created', { title: item.title })
            : t('item.saved', { title: item.title });
          setNotice(msg);
          announce(msg);
          void qc.invalidateQueries({ queryKey: PLANS_KEY });
          void qc.invalidateQueries({ queryKey: QUEUE_KEY });
        }}
      />
    </>
  );
}
