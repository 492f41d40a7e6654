/**
 * Make (/care/pairings/new) or change (/care/pairings/:id/edit) a pairing: the person (found by the
 * registry search), a team or a volunteer, start and end, goals, the visit plan and the worker
 * responsible. Field problems from the server show on their fields and in the summary.
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from '../../forms';
import { CARE_KEY, usePairing, usePersonSearch, useTeams, useVolunteers, useWorkers } from './data';
import { useVT } from './i18n';
import { shanghaiToday, type Pairing } from './model';
import './visits.css';

interface Values {
  personId?: string;
  partnerKind: 'team' | 'volunteer';
  teamId?: string;
  volunteerId?: string;
  startOn: string;
  endOn?: string;
  goals?: string;
  every: number;
  unit: 'week' | 'month';
  ownerUserId?: string;
}
const FIELDS = [
  'personId',
  'teamId',
  'volunteerId',
  'startOn',
  'endOn',
  'goals',
  'every',
  'unit',
  'ownerUserId',
];
const ALIASES = { 'visitPlan.every': 'every', 'visitPlan.unit': 'unit' };

export default function PairingFormPage() {
  const { id } = useParams();
  const { t } = useVT();
  const pairing = usePairing(id);
  if (id && pairing.isPending) return <Loading />;
  if (id && !pairing.data) return <p className="notice notice-error">{t('pairing.notFound')}</p>;
  return <PairingForm pairing={pairing.data ?? null} />;
}

function PairingForm({ pairing }: { pairing: Pairing | null }) {
  const { t } = useVT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [form] = Form.useForm<Values>();
  const formName = pairing ? 'editPairing' : 'createPairing';
  const [q, setQ] = useState('');
  const persons = usePersonSearch(q);
  const personId = Form.useWatch('personId', form) ?? pairing?.personId;
  const partnerKind = Form.useWatch('partnerKind', form) ?? (pairing?.teamId ? 'team' : 'volunteer');
  const teams = useTeams();
  const volunteers = useVolunteers();
  const workers = useWorkers(personId);
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const required = (field: string) => [{ required: true, message: t('recordForm.required', { field }) }];

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    const common = {
      endOn: v.endOn || null,
      goals: (v.goals ?? '').trim(),
      visitPlan: { every: v.every, unit: v.unit },
      ownerUserId: v.ownerUserId ?? null,
    };
    try {
      const out = pairing
        ? await api.patch<Pairing>(`/care/pairings/${pairing.id}`, common, {
            headers: { 'If-Match': String(pairing.version) },
          })
        : await api.post<Pairing>('/care/pairings', {
            ...common,
            personId: v.personId,
            startOn: v.startOn,
            teamId: v.partnerKind === 'team' ? (v.teamId ?? null) : null,
            volunteerId: v.partnerKind === 'volunteer' ? (v.volunteerId ?? null) : null,
          });
      await qc.invalidateQueries({ queryKey: CARE_KEY });
      announce(pairing ? t('pairingForm.saved') : t('pairingForm.created'));
      await navigate(`/care/pairings/${out.id}`);
    } catch (e) {
      setSummary(applyProblem(form, formName, e, FIELDS, tc, ALIASES));
    } finally {
      setBusy(false);
    }
  };

  const title = pairing ? t('pairingForm.titleEdit') : t('pairingForm.titleNew');
  return (
    <>
      <PageTitle title={title} />
      <p>
        <Link to={pairing ? `/care/pairings/${pairing.id}` : '/care/pairings'}>{t('back')}</Link>
      </p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          personId: pairing?.personId,
          partnerKind: pairing?.teamId ? 'team' : 'volunteer',
          teamId: pairing?.teamId ?? undefined,
          volunteerId: pairing?.volunteerId ?? undefined,
          startOn: pairing?.startOn ?? shanghaiToday(),
          endOn: pairing?.endOn ?? '',
          goals: pairing?.goals ?? '',
          every: pairing?.visitPlan.every ?? 1,
          unit: pairing?.visitPlan.unit ?? 'month',
          ownerUserId: pairing?.ownerUserId ?? undefined,
        }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        {pairing ? (
          <p>
            <strong>{t('pairingForm.person')}：</strong>
            {pairing.personName}
          </p>
        ) : (
          <Form.Item
            name="personId"
            label={t('pairingForm.person')}
            extra={t('pairingForm.personHelp')}
            rules={required(t('pairingForm.person'))}
          >
            <Select<string>
              showSearch={{ filterOption: false, onSearch: setQ }}
              allowClear
              placeholder={t('pairingForm.personSearch')}
              loading={persons.isFetching}
              options={persons.data ?? []}
              notFoundContent={null}
            />
          </Form.Item>
        )}
        {!pairing && (
          <>
            <Form.Item name="partnerKind" label={t('pairingForm.partnerKind')}>
              <Radio.Group
                options={[
                  { value: 'volunteer', label: t('pairingForm.byVolunteer') },
                  { value: 'team', label: t('pairingForm.byTeam') },
                ]}
              />
            </Form.Item>
            {partnerKind === 'team' ? (
              <Form.Item name="teamId" label={t('pairingForm.team')} rules={required(t('pairingForm.team'))}>
                <Select<string>
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  options={teams.data ?? []}
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="volunteerId"
                label={t('pairingForm.volunteer')}
                rules={required(t('pairingForm.volunteer'))}
              >
                <Select<string>
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  options={volunteers.data ?? []}
                />
              </Form.Item>
            )}
            <Form.Item
              name="startOn"
              label={t('pairingForm.startOn')}
              rules={required(t('pairingForm.startOn'))}
            >
              <Input type="date" />
            </Form.Item>
          </>
        )}
        <Form.Item name="endOn" label={`${t('pairingForm.endOn')}${tc('common.optional')}`}>
          <Input type="date" />
        </Form.Item>
        <fieldset className="fieldset">
          <legend>{t('pairing.plan')}</legend>
          <Form.Item name="every" label={t('pairingForm.every')} rules={required(t('pairingForm.every'))}>
            <InputNumber min={1} max={12} precision={0} />
          </Form.Item>
          <Form.Item name="unit" label={t('pairingForm.unit')}>
            <Radio.Group
              options={[
                { value: 'week', label: t('unit.week') },
                { value: 'month', label: t('unit.month') },
              ]}
            />
          </Form.Item>
        </fieldset>
        <Form.Item name="ownerUserId" label={t('pairingForm.owner')} extra={t('pairingForm.ownerHelp')}>
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            disabled={!personId}
            loading={workers.isFetching}
            options={workers.data ?? []}
          />
        </Form.Item>
        <Form.Item name="goals" label={`${t('pairingForm.goals')}${tc('common.optional')}`}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('saving') : pairing ? t('pairingForm.submitEdit') : t('pairingForm.submitNew')}
          </Button>
        </div>
      </Form>
    </>
  );
}
