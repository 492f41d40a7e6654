/**
 * The case page's dialogs: assign the owner, move the status (with a note), add a note, resolve
 * (the outcome is required and goes to the resident), record that the resident was told by phone.
 * Each sends the case's version (If-Match); the server's field errors land on the fields.
 */
import { useState, type RefObject } from 'react';
import { Button, Form, Input, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  applyProblem,
  fieldId,
  summaryFromValidation,
  type ProblemSummary,
  type ValidationInfo,
} from '../../forms';
import { useNT } from './i18n';
import type { NeedDetail } from './model';

export type NeedDialogKind =
  | { kind: 'assign' }
  | { kind: 'status'; to: 'in_progress' | 'closed' | 'withdrawn' | 'open'; label: string }
  | { kind: 'note' }
  | { kind: 'resolve' }
  | { kind: 'told' };

interface Values {
  ownerUserId?: string;
  note?: string;
  resolution?: string;
  channel?: 'phone' | 'in_person';
}

const NOBODY = '__nobody__';

export function NeedDialog({
  need,
  target,
  returnFocus,
  onClose,
  onDone,
}: {
  need: NeedDetail;
  target: NeedDialogKind | null;
  returnFocus: RefObject<HTMLElement | null>;
  onClose: () => void;
  onDone: (out: NeedDetail) => void;
}) {
  const { t } = useNT();
  const title =
    target?.kind === 'assign'
      ? t('dialog.assignTitle')
      : target?.kind === 'status'
        ? t('dialog.statusTitle', { action: target.label })
        : target?.kind === 'note'
          ? t('dialog.noteTitle')
          : target?.kind === 'resolve'
            ? t('dialog.resolveTitle')
            : t('dialog.toldTitle');
  const formName = `need_${target?.kind ?? 'none'}`;
  const first =
    target?.kind === 'assign' ? 'ownerUserId' : target?.kind === 'resolve' ? 'resolution' : 'note';
  return (
    <Dialog
      open={target !== null}
      title={title}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus={fieldId(formName, first)}
    >
      {target && (
        <DialogForm need={need} target={target} formName={formName} onClose={onClose} onDone={onDone} />
      )}
    </Dialog>
  );
}

function DialogForm({
  need,
  target,
  formName,
  onClose,
  onDone,
}: {
  need: NeedDetail;
  target: NeedDialogKind;
  formName: string;
  onClose: () => void;
  onDone: (out: NeedDetail) => void;
}) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const owners = useQuery({
    queryKey: ['care', 'needs', 'owners', need.id],
    queryFn: ({ signal }) =>
      api.get<{ id: string; name: string }[]>(`/care/needs/${need.id}/owners`, { signal }),
    enabled: target.kind === 'assign',
    staleTime: 60_000,
  });
  const submit = async (v: Values) => {
    setBusy(true);
    setSummary({ items: [] });
    const headers = { 'If-Match': String(need.version) };
    const base = `/care/needs/${need.id}`;
    const note = (v.note ?? '').trim();
    try {
      let out: NeedDetail;
      if (target.kind === 'assign') {
        const ownerUserId = !v.ownerUserId || v.ownerUserId === NOBODY ? null : v.ownerUserId;
        out = await api.post<NeedDetail>(`${base}/assign`, { ownerUserId, note }, { headers });
      } else if (target.kind === 'status') {
        out = await api.post<NeedDetail>(`${base}/status`, { status: target.to, note }, { headers });
      } else if (target.kind === 'note') {
        out = await api.post<NeedDetail>(`${base}/notes`, { note }, { headers });
      } else if (target.kind === 'resolve') {
        out = await api.post<NeedDetail>(
          `${base}/resolve`,
          { resolution: (v.resolution ?? '').trim() },
          { headers },
        );
      } else {
        out = await api.post<NeedDetail>(
          `${base}/told`,
          { channel: v.channel ?? 'phone', note },
          { headers },
        );
      }
      onDone(out);
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['ownerUserId', 'note', 'resolution', 'channel'], tc));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => [
    { required: true, whitespace: true, message: tc('errors.required', { field }) },
  ];
  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{ ownerUserId: need.ownerUserId ?? NOBODY, channel: 'phone' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        {target.kind === 'assign' && (
          <Form.Item name="ownerUserId" label={t('dialog.owner')} extra={t('dialog.ownerHelp')}>
            <Select<string>
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={[
                { value: NOBODY, label: t('dialog.nobody') },
                ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          </Form.Item>
        )}
        {target.kind === 'resolve' && (
          <Form.Item
            name="resolution"
            label={t('dialog.resolution')}
            extra={t('dialog.resolutionHelp')}
            rules={required(t('dialog.resolution'))}
          >
            <Input.TextArea rows={5} maxLength={2000} />
          </Form.Item>
        )}
        {target.kind === 'told' && (
          <Form.Item name="channel" label={t('dialog.channel')}>
            <Radio.Group
              options={[
                { value: 'phone', label: t('dialog.channelPhone') },
                { value: 'in_person', label: t('dialog.channelInPerson') },
              ]}
            />
          </Form.Item>
        )}
        {target.kind === 'note' ? (
          <Form.Item name="note" label={t('dialog.noteField')} rules={required(t('dialog.noteField'))}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        ) : (
          target.kind !== 'resolve' && (
            <Form.Item name="note" label={`${t('dialog.note')}${t('optional')}`}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )
        )}
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : t('dialog.confirm')}
          </Button>
          <Button onClick={onClose}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
