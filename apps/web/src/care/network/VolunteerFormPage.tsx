/**
 * Register or change a volunteer (/care/volunteers/new, /care/volunteers/:id/edit; care.manage):
 * name, phone, ID document and number, volunteer number, skills with levels, languages, weekly
 * availability (the shared keyboard editor) with dated exceptions, training, awards, evaluations.
 * Problems are named per field in the error summary (client checks first, then the server's).
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { WeeklyHoursEditor, weeklyFieldId } from '../../components/WeeklyHoursEditor';
import { hoursToRows, rowsToHours, validateHours, type HoursProblem } from '../../components/weekly-hours';
import { applyProblem, PHONE_RE, summaryFromValidation, tidyPhone, type ValidationInfo } from '../../forms';
import { useNT } from './i18n';
import { listFieldId, listProblems, type ListProblem } from './ListEditor';
import { ID_TYPES, SKILLS, splitLanguages, VOLUNTEERS_KEY, type Volunteer } from './model';
import { messageOf } from './parts';
import { fromVolunteer, LISTS, toBody, VolunteerLists, type ListName } from './VolunteerLists';

interface Values {
  name: string;
  phone?: string;
  idType: (typeof ID_TYPES)[number];
  idNumber?: string;
  volunteerNo?: string;
  languages?: string;
  skills: Record<string, string>;
  active: boolean;
}

const FIELDS = ['name', 'phone', 'idType', 'idNumber', 'volunteerNo', 'languages', 'skills', 'active'];
const AVAIL = 'vol-availability';

export default function VolunteerFormPage() {
  const { id } = useParams();
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const vol = useQuery({
    queryKey: [...VOLUNTEERS_KEY, id],
    queryFn: ({ signal }) => api.get<Volunteer>(`/care/volunteers/${id}`, { signal }),
    enabled: Boolean(id),
  });
  if (id && vol.error)
    return (
      <>
        <PageTitle title={t('vols.title')} />
        <ErrorSummary items={[{ message: messageOf(vol.error, tc('errors.network')) }]} />
      </>
    );
  if (id && !vol.data) return <Loading />;
  return <VolunteerForm key={id ?? 'new'} volunteer={vol.data ?? null} />;
}

function VolunteerForm({ volunteer }: { volunteer: Volunteer | null }) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const formName = volunteer ? 'editVolunteer' : 'createVolunteer';
  const [hours, setHours] = useState(() => hoursToRows(volunteer?.availability.weekly));
  const [hoursProblems, setHoursProblems] = useState<HoursProblem[]>([]);
  const [lists, setLists] = useState(() => fromVolunteer(volunteer));
  const [problems, setProblems] = useState<Record<ListName, ListProblem[]>>({
    training: [],
    awards: [],
    evaluations: [],
    exceptions: [],
  });
  const [summary, setSummary] = useState<{ title?: string; items: SummaryItem[] }>({ items: [] });
  const [busy, setBusy] = useState(false);
  const dayName = (d: string) => t(`weekday.${d as '1'}`);

  /** The client checks of the editors outside antd's form: weekly hours and the lists. */
  const editorItems = () => {
    const hp = validateHours(hours);
    setHoursProblems(hp);
    const lp = Object.fromEntries(
      LISTS.map((l) => [l.name, listProblems(lists[l.name], l.fields(t))]),
    ) as Record<ListName, ListProblem[]>;
    setProblems(lp);
    const items: SummaryItem[] = hp.map((p) => ({
      id: weeklyFieldId(AVAIL, p.day, Math.min(p.index, hours[p.day].length - 1), 'from'),
      message: t(`form.availability.${p.code}`, { day: dayName(p.day), n: p.index + 1 }),
    }));
    for (const l of LISTS) {
      const fields = l.fields(t);
      for (const p of lp[l.name]) {
        const field = fields.find((f) => f.key === p.key)!.label;
        items.push({
          id: listFieldId(`vol-${l.name}`, p.index, p.key),
          message: t(`form.list.${p.code}`, { n: p.index + 1, what: t(`form.items.${l.name}`), field }),
        });
      }
    }
    return items;
  };

  const submit = async (v: Values) => {
    const items = editorItems();
    if (items.length) {
      setSummary({ items });
      return;
    }
    setSummary({ items: [] });
    setBusy(true);
    const phone = tidyPhone(v.phone ?? '');
    const body: Record<string, unknown> = {
      name: v.name.trim(),
      ...(phone ? { phone } : {}),
      idType: v.idType,
      ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
      volunteerNo: v.volunteerNo?.trim() || null,
      languages: splitLanguages(v.languages ?? ''),
      skills: SKILLS.filter((s) => v.skills[s]).map((s) => ({ skill: s, level: Number(v.skills[s]) })),
      active: v.active,
      ...toBody(lists, rowsToHours(hours)),
    };
    try {
      const out = volunteer
        ? await api.patch<Volunteer>(`/care/volunteers/${volunteer.id}`, body, {
            headers: { 'If-Match': String(volunteer.version) },
          })
        : await api.post<Volunteer>('/care/volunteers', body);
      const msg = volunteer ? t('vol.updated', { name: out.name }) : t('vol.created', { name: out.name });
      announce(msg);
      void qc.invalidateQueries({ queryKey: VOLUNTEERS_KEY });
      void navigate(`/care/volunteers/${out.id}`, { state: { notice: msg } });
    } catch (e) {
      setSummary(applyProblem(form, formName, e, FIELDS, tc));
    } finally {
      setBusy(false);
    }
  };

  // Every skill has a value ('' is 不具备), so each select shows what it means.
  const skills: Record<string, string> = Object.fromEntries(SKILLS.map((s) => [s, '']));
  for (const s of volunteer?.skills ?? []) skills[s.skill] = String(s.level);
  const levelOptions = [
    { value: '', label: t('form.skillNone') },
    ...(['1', '2', '3'] as const).map((l) => ({ value: l, label: t(`level.${l}`) })),
  ];

  return (
    <>
      <PageTitle title={volunteer ? t('form.editTitle', { name: volunteer.name }) : t('form.createTitle')} />
      <p>
        <Link to={volunteer ? `/care/volunteers/${volunteer.id}` : '/care/volunteers'}>{t('vol.back')}</Link>
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: volunteer?.name ?? '',
          phone: '',
          idType: volunteer?.idType ?? 'resident_id',
          idNumber: '',
          volunteerNo: volunteer?.volunteerNo ?? '',
          languages: (volunteer?.languages ?? []).join('、'),
          skills,
          active: volunteer?.active ?? true,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({
            items: [...summaryFromValidation(formName, info as ValidationInfo), ...editorItems()],
          })
        }
      >
        <Form.Item
          name="name"
          label={t('vol.name')}
          rules={[
            { required: true, whitespace: true, message: tc('errors.required', { field: t('vol.name') }) },
          ]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={volunteer ? `${t('vol.phone')}${tc('common.optional')}` : t('vol.phone')}
          extra={volunteer ? `${volunteer.phone}。${t('form.phoneHelpEdit')}` : undefined}
          normalize={(x: string) => x}
          rules={[
            {
              validator: async (_, x: string | undefined) => {
                const p = tidyPhone(x ?? '');
                if (!p && volunteer) return;
                if (!p) throw new Error(tc('errors.required', { field: t('vol.phone') }));
                if (!PHONE_RE.test(p)) throw new Error(t('form.phoneFormat'));
              },
            },
          ]}
        >
          <Input autoComplete="off" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="idType" label={t('vol.idType')}>
          <Select options={ID_TYPES.map((x) => ({ value: x, label: t(`idType.${x}`) }))} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={`${t('vol.idNumber')}${tc('common.optional')}`}
          extra={
            volunteer?.idNumber ? `${volunteer.idNumber}。${t('form.idNumberHelp')}` : t('form.idNumberHelp')
          }
        >
          <Input autoComplete="off" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="volunteerNo"
          label={`${t('vol.volunteerNo')}${tc('common.optional')}`}
          extra={t('form.volunteerNoHelp')}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('form.skillsLegend')}</legend>
          <p className="help-text">{t('form.skillsHelp')}</p>
          <div className="skills-grid">
            {SKILLS.map((s) => (
              <Form.Item key={s} name={['skills', s]} label={t(`skill.${s}`)}>
                <Select options={levelOptions} />
              </Form.Item>
            ))}
          </div>
        </fieldset>
        <Form.Item
          name="languages"
          label={`${t('vol.languages')}${tc('common.optional')}`}
          extra={t('form.languagesHelp')}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <WeeklyHoursEditor
          idPrefix={AVAIL}
          rows={hours}
          problems={hoursProblems}
          onChange={setHours}
          text={{
            legend: t('form.availability.legend'),
            help: t('form.availability.help'),
            none: t('form.availability.none'),
            dayName,
            from: (day, n) => t('form.availability.from', { day, n }),
            to: (day, n) => t('form.availability.to', { day, n }),
            add: (day) => t('form.availability.add', { day }),
            remove: (day, n) => t('form.availability.remove', { day, n }),
            copy: t('form.availability.copy'),
          }}
        />
        <VolunteerLists lists={lists} problems={problems} onChange={setLists} />
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('form.active')}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : volunteer ? t('form.submitEdit') : t('form.submitCreate')}
          </Button>
          <Link
            className="button-link"
            to={volunteer ? `/care/volunteers/${volunteer.id}` : '/care/volunteers'}
          >
            {t('form.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}
