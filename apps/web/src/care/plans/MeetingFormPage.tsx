/** Record (/care/meetings/new) or edit (/care/meetings/:id/edit) a meeting, lecture or activity. */
import { useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { AttendeesEditor, attendeesOf, type AttendeeDraft } from './AttendeesEditor';
import { usePT } from './i18n';
import { PLANS_KEY, shanghaiDateTime, toInstant, type Meeting, type NeedRef } from './model';
import { NEED_REF_ID, NeedsPicker } from './NeedsPicker';
import { usePlanners, useTeams, useVolunteers } from './pickers';
import './plans.css';

interface Values {
  kind: Meeting['kind'];
  title: string;
  date: string;
  time: string;
  place?: string;
  organisationIds?: string[];
  minutes?: string;
}
const FIELDS = ['kind', 'title', 'date', 'place', 'organisationIds', 'minutes'];
const KINDS = ['joint_meeting', 'lecture', 'activity'] as const;

export default function MeetingFormPage() {
  const { id } = useParams();
  const { t } = usePT();
  const meeting = useQuery({
    queryKey: [...PLANS_KEY, 'meeting', id],
    queryFn: ({ signal }) => api.get<Meeting>(`/care/meetings/${id}`, { signal }),
    enabled: Boolean(id),
  });
  if (id && meeting.isPending) return <Loading />;
  if (id && !meeting.data) return <p className="notice notice-error">{t('meeting.notFound')}</p>;
  return <MeetingForm meeting={meeting.data ?? null} />;
}

function MeetingForm({ meeting }: { meeting: Meeting | null }) {
  const { t } = usePT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const formName = meeting ? 'editMeeting' : 'createMeeting';
  const teams = useTeams();
  const volunteers = useVolunteers();
  const planners = usePlanners();
  const [attendees, setAttendees] = useState<AttendeeDraft[]>(() => attendeesOf(meeting));
  const [needs, setNeeds] = useState<NeedRef[]>(() => meeting?.needs ?? []);
  const [needsError, setNeedsError] = useState<string | undefined>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const title = meeting ? t('meetingForm.editTitle', { title: meeting.title }) : t('meetingForm.createTitle');
  const at = meeting ? shanghaiDateTime(meeting.heldAt).split(' ') : ['', ''];

  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    setNeedsError(undefined);
    const body = {
      kind: v.kind,
      title: v.title.trim(),
      heldAt: toInstant(v.date, v.time),
      place: (v.place ?? '').trim(),
      organisationIds: v.organisationIds ?? [],
      attendees: attendees.map((a) => ({
        ...(a.volunteerId
          ? { volunteerId: a.volunteerId }
          : a.userId
            ? { userId: a.userId }
            : { name: a.name }),
        present: a.present,
      })),
      minutes: (v.minutes ?? '').trim(),
      needIds: needs.map((n) => n.id),
    };
    try {
      const out = meeting
        ? await api.patch<Meeting>(`/care/meetings/${meeting.id}`, body, {
            headers: { 'If-Match': String(meeting.version) },
          })
        : await api.post<Meeting>('/care/meetings', body);
      announce(t('meetingForm.saved'));
      await qc.invalidateQueries({ queryKey: PLANS_KEY });
      void navigate(`/care/meetings/${out.id}`);
    } catch (e) {
      const s = applyProblem(form, formName, e, FIELDS, tc, { heldAt: 'date' });
      const needErr = isApiError(e) ? e.fieldErrors.find((f) => /needIds/.test(f.path)) : undefined;
      if (needErr) setNeedsError(needErr.message);
      setSummary({
        ...s,
        items: s.items.map((it) =>
          !it.id && needErr && it.message === needErr.message ? { ...it, id: NEED_REF_ID } : it,
        ),
      });
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: tc('errors.required', { field }) },
  ];
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
          kind: meeting?.kind ?? 'joint_meeting',
          title: meeting?.title ?? '',
          date: at[0],
          time: at[1],
          place: meeting?.place ?? '',
          organisationIds: meeting?.organisations.map((o) => o.id) ?? [],
          minutes: meeting?.minutes ?? '',
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item name="kind" label={t('meetingForm.kind')} rules={[{ required: true }]}>
          <Select<string> options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('meetingForm.title')} rules={required(t('meetingForm.title'))}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="plans-row">
          <Form.Item name="date" label={t('meetingForm.date')} rules={required(t('meetingForm.date'))}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="time" label={t('meetingForm.time')} rules={required(t('meetingForm.time'))}>
            <Input type="time" />
          </Form.Item>
        </div>
        <Form.Item name="place" label={`${t('meetingForm.place')}${t('optional')}`}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="organisationIds" label={t('meetingForm.hosts')} extra={t('meetingForm.hostsHelp')}>
          <Select<string[]>
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={teams.data ?? []}
            loading={teams.isPending}
          />
        </Form.Item>
        <AttendeesEditor
          value={attendees}
          onChange={setAttendees}
          volunteers={volunteers.data ?? []}
          staff={planners.data ?? []}
        />
        <Form.Item name="minutes" label={`${t('meetingForm.minutes')}${t('optional')}`}>
          <Input.TextArea rows={8} maxLength={20000} />
        </Form.Item>
        <NeedsPicker
          value={needs}
          onChange={setNeeds}
          hiddenCount={meeting?.hiddenNeedCount ?? 0}
          error={needsError}
        />
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy
              ? tc('common.saving')
              : meeting
                ? t('meetingForm.submitEdit')
                : t('meetingForm.submitCreate')}
          </Button>
          <Button onClick={() => void navigate(meeting ? `/care/meetings/${meeting.id}` : '/care/meetings')}>
            {tc('common.cancel')}
          </Button>
        </div>
      </Form>
    </>
  );
}
