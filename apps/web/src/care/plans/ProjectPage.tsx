/**
 * One 暖心行动 project (/care/projects/:id): progress in words, then each stage in order with its
 * tasks and standards and its work items as a list (a board without dragging: an item moves to
 * another stage or status from its dialog, by keyboard); add an item to a stage.
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
import { PLANS_KEY, QUEUE_KEY, type Paged, type Progress, type Project, type WorkItem } from './model';
import type { WorkItemTarget } from './WorkItemDialog';
import { LazyWorkItemDialog } from './LazyWorkItemDialog';
import './plans.css';

export default function ProjectPage() {
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
  const project = useQuery({
    queryKey: [...PLANS_KEY, 'project', id],
    queryFn: ({ signal }) => api.get<Project>(`/care/projects/${id}`, { signal }),
  });
  const progress = useQuery({
    queryKey: [...PLANS_KEY, 'progress', id],
    queryFn: ({ signal }) => api.get<Progress>(`/care/projects/${id}/progress`, { signal }),
  });
  const items = useQuery({
    queryKey: [...PLANS_KEY, 'items', { projectId: id }],
    queryFn: ({ signal }) =>
      api.get<Paged<WorkItem>>('/care/work-items', { query: { projectId: id, limit: 500 }, signal }),
  });
  if (project.isPending) return <Loading />;
  if (!project.data) return <p className="notice notice-error">{t('project.notFound')}</p>;
  const p = project.data;
  const pr = progress.data;
  return (
    <>
      <PageTitle title={t('project.title', { name: p.name })} />
      <p>
        <Link to="/care/projects">{t('project.back')}</Link>
      </p>
      {p.description && <p>{p.description}</p>}
      <div className="toolbar">
        <Link className="button-link" to={`/care/projects/${p.id}/edit`}>
          {t('project.edit')}
        </Link>
      </div>
      {notice && <p className="notice notice-success">{notice}</p>}
      <section aria-labelledby="project-progress">
        <h2 id="project-progress">{t('project.progressTitle')}</h2>
        {pr && (
          <>
            <p data-testid="project-progress">
              {t('project.progressSummary', {
                total: pr.total,
                done: pr.counts.done,
                inProgress: pr.counts.in_progress,
                open: pr.counts.open,
                cancelled: pr.counts.cancelled,
                percent: pr.percentDone,
              })}
            </p>
            <p>
              {pr.overdue > 0 ? (
                <strong>{t('project.overdueCount', { count: pr.overdue })}</strong>
              ) : (
                t('project.noOverdue')
              )}
            </p>
            <progress max={100} value={pr.percentDone} aria-label={t('project.progressTitle')}>
              {pr.percentDone}%
            </progress>
          </>
        )}
      </section>
      <section aria-labelledby="project-stages">
        <h2 id="project-stages">{t('project.stagesTitle')}</h2>
        {p.stages.map((s, i) => {
          const st = pr?.stages.find((x) => x.key === s.key);
          const stageItems = (items.data?.items ?? []).filter((it) => it.stageKey === s.key);
          const headingId = `stage-${s.key}`;
          return (
            <section key={s.key} aria-labelledby={headingId} className="plans-stage">
              <h3 id={headingId}>{t('project.stageHeading', { n: i + 1, name: s.name })}</h3>
              {st && (
                <p>
                  {t('project.stageSummary', {
                    count: st.counts.open + st.counts.in_progress + st.counts.done + st.counts.cancelled,
                    done: st.counts.done,
                    overdue: st.overdue,
                  })}
                </p>
              )}
              {s.tasks.length === 0 ? (
                <p className="muted">{t('project.noTasks')}</p>
              ) : (
                <table className="plans-tasks">
                  <caption className="visually-hidden">
                    {t('project.stageHeading', { n: i + 1, name: s.name })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('project.task')}</th>
                      <th scope="col">{t('project.standard')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.tasks.map((x, j) => (
                      <tr key={j}>
                        <th scope="row">{x.task}</th>
                        <td>{x.standard || t('none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <h4>{t('project.items')}</h4>
              <ItemList
                items={stageItems}
                empty={t('project.noItems')}
                onOpen={(item) => setTarget({ kind: 'edit', item })}
              />
              <Button onClick={() => setTarget({ kind: 'create', project: p, stageKey: s.key })}>
                {t('project.addItem', { stage: s.name })}
              </Button>
            </section>
          );
        })}
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
