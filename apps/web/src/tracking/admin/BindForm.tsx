/**
 * Bind a device to a trainee: find the trainee in the registry (GET /api/v1/persons?q=, as the
 * registry pages do) or — for administrators without registry access — by the exact ID or
 * certificate number (GET /api/v1/tracking/trainees, names masked), and record who gave consent.
 * No consent, no binding: the form requires it.
 */
import { useState } from 'react';
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  applyProblem,
  normaliseDigits,
  summaryFromValidation,
  type ProblemSummary,
  type ValidationInfo,
} from '../../forms';
import { genderName } from '../../registry';
import { streetName } from '../../labels';
import type { Page, PersonListItem } from '../../types';
import { useTT } from './i18n';
import type { Device, Trainee } from './model';

/** A full ID number (18) or certificate number (20). */
const NUMBER_RE = /^\d{17}[\dXx](\d\d)?$/;

interface Values {
  q?: string;
  personId?: string;
  consentBy?: string;
  consentNote?: string;
  consentConfirm?: boolean;
}

const FORM = 'bindDevice';
const FIELDS = ['personId', 'consentBy', 'consentNote', 'consentConfirm'];

export function BindForm({
  device,
  canSearch,
  onDone,
  onCancel,
}: {
  device: Device;
  /** Holds persons.read (the registry search). */
  canSearch: boolean;
  onDone: (d: Device) => void;
  onCancel: () => void;
}) {
  const { t } = useTT();
  const { t: tc } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  const [searching, setSearching] = useState(false);
  const { i18n } = useTranslation();
  const [found, setFound] = useState<{ id: string; label: string }[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  const search = async () => {
    const q = (form.getFieldValue('q') as string | undefined)?.trim();
    if (!q) return;
    setSearching(true);
    setSearchError(null);
    try {
      if (canSearch) {
        const page = await api.get<Page<PersonListItem>>('/persons', { query: { q, limit: 10 } });
        setFound(
          page.items.map((p) => ({
            id: p.id,
            label: t('devices.bindForm.personLine', {
              name: p.name,
              gender: genderName(tc, p.gender),
              age: p.age,
              idNumber: p.idNumber,
            }),
          })),
        );
      } else {
        if (!NUMBER_RE.test(normaliseDigits(q).replace(/\s/g, ''))) {
          setSearchError(t('devices.bindForm.numberFormat'));
          setFound(null);
          return;
        }
        const list = await api.get<Trainee[]>('/tracking/trainees', { query: { number: q } });
        setFound(
          list.map((p) => ({
            id: p.id,
            label: t('devices.bindForm.traineeLine', {
              name: p.name,
              gender: genderName(tc, p.gender),
              age: p.age,
              street: streetName(i18n.language, p.streetCode),
            }),
          })),
        );
      }
      form.setFieldValue('personId', undefined);
    } catch (e) {
      setSearchError(isApiError(e) ? e.detail : tc('errors.network'));
    } finally {
      setSearching(false);
    }
  };

  const submit = async (v: Values) => {
    setSummary({ items: [] });
    setBusy(true);
    try {
      const out = await api.post<Device>(`/tracking/devices/${device.id}/bind`, {
        personId: v.personId,
        consent: { by: (v.consentBy ?? '').trim(), note: (v.consentNote ?? '').trim() },
      });
      onDone(out);
    } catch (e) {
      setSummary(
        applyProblem(form, FORM, e, FIELDS, tc, { 'consent.by': 'consentBy', 'consent.note': 'consentNote' }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="consent-rule">{t('devices.bindForm.consentRule')}</p>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
      >
        <Form.Item
          name="q"
          label={canSearch ? t('devices.bindForm.search') : t('devices.bindForm.numberSearch')}
          extra={canSearch ? t('devices.bindForm.searchHelp') : t('devices.bindForm.numberHelp')}
        >
          <Input
            autoComplete="off"
            maxLength={60}
            onPressEnter={(e) => {
              e.preventDefault();
              void search();
            }}
          />
        </Form.Item>
        <p>
          <Button onClick={() => void search()} loading={searching}>
            {t('devices.bindForm.searchButton')}
          </Button>
        </p>
        {searchError && <p className="notice notice-warning">{searchError}</p>}
        <div role="status" className="list-status">
          {found &&
            (found.length === 0
              ? t('devices.bindForm.noResults')
              : t('devices.bindForm.resultsCount', { count: found.length }))}
        </div>
        <fieldset className="person-results">
          <legend>{t('devices.bindForm.person')}</legend>
          {!(found && found.length > 0) && <p className="muted">{t('devices.bindForm.personRequired')}</p>}
          <Form.Item
            name="personId"
            rules={[{ required: true, message: t('devices.bindForm.personRequired') }]}
          >
            <Radio.Group
              className="radio-list"
              options={(found ?? []).map((p) => ({ value: p.id, label: p.label }))}
            />
          </Form.Item>
        </fieldset>
        <Form.Item
          name="consentBy"
          label={t('devices.bindForm.consentBy')}
          extra={t('devices.bindForm.consentByHelp')}
          rules={[{ required: true, whitespace: true, message: t('devices.bindForm.consentByRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="consentNote"
          label={`${t('devices.bindForm.consentNote')}${tc('common.optional')}`}
          extra={t('devices.bindForm.consentNoteHelp')}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="consentConfirm"
          valuePropName="checked"
          rules={[
            {
              validator: (_r, v: unknown) =>
                v === true
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('devices.bindForm.consentConfirmRequired'))),
            },
          ]}
        >
          <Checkbox>{t('devices.bindForm.consentConfirm')}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? tc('common.saving') : t('devices.bindForm.submit')}
          </Button>
          <Button onClick={onCancel}>{tc('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
