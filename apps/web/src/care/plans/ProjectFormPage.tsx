/** Create (/care/projects/new) or edit (/care/projects/:id/edit) a 暖心行动 project with its stage editor. */
import { useState } from 'react';
import { Button, Checkbox, Form, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { usePT } from './i18n';
import { checkStages, PLANS_KEY, type Project, type StageDraft, type StageProblem } from './model';
import { problemFieldId, StageEditor, stageFieldId, useStageMessage } from './StageEditor';
import './plans.css';

interface Values {
  name: string;
  description?: string;
  active: boolean;
}
const FIELDS = ['name', 'description', 'active'];

export default function ProjectFormPage() {
  const { id } = useParams();
  const { t } = usePT();
  const project = useQuery({
    queryKey: [...PLANS_KEY, 'project', id],
    queryFn: ({ signal }) => api.get<Project>(`/care/projects/${id}`, { signal }),
    enabled: Boolean(id),
  });
  if (id && project.isPending) return <Loading />;
  if (id && !project.data) return <p className="notice notice-error">{t('project.notFound')}</p>;
  return <ProjectForm project={project.data ?? null} />;
}

function ProjectForm({ project }: { project: Project | null }) {
  const { t } = usePT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const message = useStageMessage();
  const [form] = Form.useForm<Values>();
  const formName = project ? 'editProject' : 'createProject';
  const [stages, setStages] = useState<StageDraft[]>(
    () =>
      project?.stages.map((s) => ({ ...s, tasks: s.tasks.map((x) => ({ ...x })) })) ?? [
        { key: 's1', name: '', tasks: [] },
      ],
  );
  const [problems, setProblems] = useState<StageProblem[]>([]);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const title = project ? t('projectForm.editTitle', { name: project.name }) : t('projectForm.createTitle');
  const stageItems = (ps: readonly StageProblem[]): SummaryItem[] =>
    ps.map((p) => ({ id: problemFieldId(p), message: message(p) }));

  const submit = async (v: Values) => {
    const ps = checkStages(stages);
    setProblems(ps);
    if (ps.length) {
      setSummary({ items: stageItems(ps) });
      return;
    }
    setSummary({ items: [] });
    setBusy(true);
    const body = {
      name: v.name.trim(),
      description: (v.description ?? '').trim(),
      active: v.active,
      stages: stages.map((s) => ({
        key: s.key.trim(),
        name: s.name.trim(),
        tasks: s.tasks.map((x) => ({ task: x.task.trim(), standard: x.standard.trim() })),
      })),
    };
    try {
      const out = project
        ? await api.patch<Project>(`/care/projects/${project.id}`, body, {
            headers: { 'If-Match': String(project.version) },
          })
        : await api.post<Project>('/care/projects', body);
      announce(project ? t('projectForm.saved') : t('projectForm.created'));
      await qc.invalidateQueries({ queryKey: PLANS_KEY });
      void navigate(`/care/projects/${out.id}`);
    } catch (e) {
      // A duplicate key found by the server ("stages.1.key") points at that stage's key box.
      const s = applyProblem(form, formName, e, FIELDS, tc);
      const keyErr = isApiError(e) ? e.fieldErrors.find((f) => /stages\D(\d+)\Dkey/.test(f.path)) : undefined;
      const n = keyErr ? Number(/stages\D(\d+)/.exec(keyErr.path)![1]) : -1;
      setSummary({
        ...s,
        items: s.items.map((it) =>
          !it.id && keyErr && it.message === keyErr.message ? { ...it, id: stageFieldId(n, 'key') } : it,
        ),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle title={title} />
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: project?.name ?? '',
          description: project?.description ?? '',
          active: project?.active ?? true,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => {
          const ps = checkStages(stages);
          setProblems(ps);
          setSummary({
            items: [...summaryFromValidation(formName, info as ValidationInfo), ...stageItems(ps)],
          });
        }}
      >
        <Form.Item
          name="name"
          label={t('projectForm.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: tc('errors.required', { field: t('projectForm.name') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={`${t('projectForm.description')}${t('optional')}`}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('projectForm.active')}</Checkbox>
        </Form.Item>
        <StageEditor stages={stages} problems={problems} onChange={setStages} />
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy
              ? tc('common.saving')
              : project
                ? t('projectForm.submitEdit')
                : t('projectForm.submitCreate')}
          </Button>
          <Button onClick={() => void navigate(project ? `/care/projects/${project.id}` : '/care/projects')}>
            {tc('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
