/**
 * A work item in a dialog: add one (from a meeting — optionally one of its needs — or in a project
 * stage), or open one to edit it, move it to another stage, change its status (only to the
 * statuses that may follow) and add a progress note; the progress log (who, when) below.
 */
import { useState, type RefObject } from 'react';
import { Button, Form, Input } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SearchSelect } from '../../components/fields';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { usePT } from './i18n';
import { NEXT_STATUS, PLANS_KEY, shanghaiDateTime, type Meeting, type Project, type WorkItem } from './model';
import { usePlanners, useProjects, useTeams } from './pickers';

export type WorkItemTarget =
  | { kind: 'create'; meeting?: Meeting; project?: Project; stageKey?: string }
  | { kind: 'edit'; item: WorkItem };

interface Values {
  title: string;
  description?: string;
  ownerUserId: string;
  organisationId?: string | null;
  projectId?: string | null;
  stageKey?: string | null;
  deadline: string;
  needId?: string | null;
  status?: WorkItem['status'];
  note?: string;
}
const FIELDS = [
  'title',
  'description',
  'ownerUserId',
  'organisationId',
  'projectId',
  'stageKey',
  'deadline',
  'needId',
  'status',
  'note',
];

export function WorkItemDialog({
  target,
  onClose,
  onDone,
  returnFocus,
}: {
  target: WorkItemTarget | null;
  onClose: () => void;
  onDone: (item: WorkItem, created: boolean) => void;
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const { t } = usePT();
  const title =
    target?.kind === 'edit' ? t('item.editTitle', { title: target.item.title }) : t('item.createTitle');
  const formName = target?.kind === 'edit' ? 'editWorkItem' : 'createWorkItem';
  return (
    <Dialog
      open={target !== null}
      title={title}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={`${formName}_title`}
      width={720}
    >
      {target && <WorkItemForm target={target} formName={formName} onCancel={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function WorkItemForm({
  target,
  formName,
  onCancel,
  onDone,
}: {
  target: WorkItemTarget;
  formName: string;
  onCancel: () => void;
  onDone: (item: WorkItem, created: boolean) => void;
}) {
  const { t } = usePT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const item = target.kind === 'edit' ? target.item : null;
  const planners = usePlanners();
  const teams = useTeams();
  const projects = useProjects();
  const projectId = Form.useWatch('projectId', form) ?? item?.projectId ?? null;
  const project = useQuery({
    queryKey: [...PLANS_KEY, 'project', projectId],
    queryFn: ({ signal }) => api.get<Project>(`/care/projects/${projectId}`, { signal }),
    enabled: Boolean(projectId),
  });
  const stageOptions = (project.data?.stages ?? []).map((s) => ({ value: s.key, label: s.name }));
  const meeting = target.kind === 'create' ? target.meeting : undefined;
  const fixedProject = target.kind === 'create' ? target.project : undefined;

  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      if (!item) {
        const out = await api.post<WorkItem>('/care/work-items', {
          title: v.title.trim(),
          description: (v.description ?? '').trim(),
          ownerUserId: v.ownerUserId,
          organisationId: v.organisationId ?? null,
          meetingId: meeting?.id ?? null,
          needId: v.needId ?? null,
          projectId: v.projectId ?? null,
          stageKey: v.projectId ? (v.stageKey ?? null) : null,
          deadline: v.deadline,
        });
        onDone(out, true);
      } else {
        const body: Record<string, unknown> = {};
        if (v.title.trim() !== item.title) body.title = v.title.trim();
        if ((v.description ?? '').trim() !== item.description)
          body.description = (v.description ?? '').trim();
        if (v.ownerUserId !== item.ownerUserId) body.ownerUserId = v.ownerUserId;
        if ((v.organisationId ?? null) !== item.organisationId)
          body.organisationId = v.organisationId ?? null;
        if (v.deadline !== item.deadline) body.deadline = v.deadline;
        if (v.stageKey && v.stageKey !== item.stageKey) body.stageKey = v.stageKey;
        if (v.status && v.status !== item.status) body.status = v.status;
        if (v.note?.trim()) body.note = v.note.trim();
        const out = await api.patch<WorkItem>(`/care/work-items/${item.id}`, body, {
          headers: { 'If-Match': String(item.version) },
        });
        onDone(out, false);
      }
    } catch (e) {
      setSummary(applyProblem(form, formName, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: tc('errors.required', { field }) },
  ];
  const final = item && NEXT_STATUS[item.status].length === 0;
  const statusOptions = item
    ? [item.status, ...NEXT_STATUS[item.status]].map((s) => ({ value: s, label: t(`status.${s}`) }))
    : [];

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      {meeting && <p>{t('labelled', { label: t('item.meeting'), value: meeting.title })}</p>}
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          title: item?.title ?? '',
          description: item?.description ?? '',
          ownerUserId: item?.ownerUserId ?? undefined,
          organisationId: item?.organisationId ?? undefined,
          projectId: item?.projectId ?? fixedProject?.id ?? undefined,
          stageKey: item?.stageKey ?? (target.kind === 'create' ? target.stageKey : undefined),
          deadline: item?.deadline ?? '',
          status: item?.status,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item name="title" label={t('item.title')} rules={required(t('item.title'))}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={`${t('item.description')}${t('optional')}`}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {meeting && meeting.needs.length > 0 && (
          <Form.Item name="needId" label={`${t('item.need')}${t('optional')}`}>
            <SearchSelect
              options={meeting.needs.map((n) => ({ value: n.id, label: `${n.ref} ${n.title}` }))}
            />
          </Form.Item>
        )}
        {item?.need && (
          <p>{t('labelled', { label: t('item.need'), value: `${item.need.ref} ${item.need.title}` })}</p>
        )}
        <Form.Item name="ownerUserId" label={t('item.owner')} rules={required(t('item.owner'))}>
          <SearchSelect options={planners.data ?? []} loading={planners.isPending} />
        </Form.Item>
        <Form.Item name="organisationId" label={`${t('item.organisation')}${t('optional')}`}>
          <SearchSelect options={teams.data ?? []} loading={teams.isPending} />
        </Form.Item>
        {!item && !fixedProject && (
          <Form.Item name="projectId" label={`${t('item.project')}${meeting ? t('optional') : ''}`}>
            <SearchSelect
              options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue('stageKey', undefined)}
            />
          </Form.Item>
        )}
        {(item?.projectId || fixedProject) && (
          <p>
            {t('labelled', {
              label: t('item.project'),
              value: item?.projectName ?? fixedProject?.name ?? '',
            })}
          </p>
        )}
        {projectId && (
          <Form.Item name="stageKey" label={t('item.stage')}>
            <SearchSelect options={stageOptions} loading={project.isPending} allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('item.deadline')} rules={required(t('item.deadline'))}>
          <Input type="date" />
        </Form.Item>
        {item && (
          <>
            {final ? (
              <p>{t('item.final', { status: t(`status.${item.status}`) })}</p>
            ) : (
              <Form.Item name="status" label={t('item.status')}>
                <SearchSelect options={statusOptions} allowClear={false} />
              </Form.Item>
            )}
            <Form.Item name="note" label={`${t('item.note')}${t('optional')}`} extra={t('item.noteHelp')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : item ? t('item.submitEdit') : t('item.submitCreate')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
      {item && (
        <ProgressLog item={item} stageName={(k) => stageOptions.find((s) => s.value === k)?.label ?? k} />
      )}
    </>
  );
}

function ProgressLog({ item, stageName }: { item: WorkItem; stageName: (key: string) => string }) {
  const { t } = usePT();
  return (
    <section aria-labelledby="work-item-log">
      <h3 id="work-item-log">{t('item.log')}</h3>
      {item.progress.length === 0 ? (
        <p>{t('item.noLog')}</p>
      ) : (
        <ol className="plans-log">
          {[...item.progress].reverse().map((e, i) => (
            <li key={i}>
              <span className="muted">
                {t('item.logBy', { name: e.userName, at: shanghaiDateTime(e.at) })}
              </span>
              {e.status && (
                <> · {t('item.logStatus', { status: t(`status.${e.status as WorkItem['status']}`) })}</>
              )}
              {e.stageKey && <> · {t('item.logStage', { stage: stageName(e.stageKey) })}</>}
              {e.note && <div>{e.note}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
