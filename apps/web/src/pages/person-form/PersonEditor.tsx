/** The person form (register someone, or change what is registered about them). */
import { useEffect } from 'react';
import { Link } from 'react-router';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, focusField } from '../../components/ErrorSummary';
import { fieldId, summaryFromValidation, type ValidationInfo } from '../../forms';
import { useAreas } from '../../queries';
import { useMe } from '../../session';
import type { PersonOut } from '../../types';
import { AreaFields } from './AreaFields';
import { CertificateFields } from './CertificateFields';
import { ContactFields } from './ContactFields';
import { DuplicateWarning } from './DuplicateWarning';
import { IdentityFields } from './IdentityFields';
import { SituationFields } from './SituationFields';
import { usePersonSave } from './usePersonSave';
import { FORM, type Values } from './values';

export function PersonEditor({ person, onReload }: { person: PersonOut | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const [form] = Form.useForm<Values>();
  const {
    summary,
    setSummary,
    busy,
    stale,
    duplicates,
    dismissDuplicates,
    confirmNotDuplicate,
    nothingChanged,
    setNothingChanged,
    submit,
  } = usePersonSave(form, person);
  const editing = person !== null;

  const initialValues: Partial<Values> = person
    ? {
        name: person.name,
        streetCode: person.streetCode,
        communityId: person.communityId ?? undefined,
        hukou: person.hukou,
        livingStatus: person.livingStatus,
        lowIncome: person.lowIncome,
        employment: person.employment,
        education: person.education,
        ownsMotorisedWheelchair: person.ownsMotorisedWheelchair,
      }
    : {
        hukou: 'shanghai',
        livingStatus: 'normal',
        lowIncome: 'none',
        employment: 'unknown',
        education: 'unknown',
        ownsMotorisedWheelchair: false,
        // Someone working for one street (or one community) registers people there.
        streetCode: me?.streetCode ?? (areas?.length === 1 ? areas[0]!.code : undefined),
        communityId: me?.communityId ?? undefined,
      };

  // The areas arrive after the form: someone working for one street gets it filled in.
  const onlyStreet = areas?.length === 1 ? areas[0]!.code : undefined;
  useEffect(() => {
    if (!editing && onlyStreet && !form.getFieldValue('streetCode'))
      form.setFieldValue('streetCode', onlyStreet);
  }, [editing, onlyStreet, form]);

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('errors.required', { field }),
  });

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      {stale && (
        <div className="notice notice-warning">
          <p>{t('personForm.stale')}</p>
          <Button onClick={onReload}>{t('common.reload')}</Button>
        </div>
      )}
      {nothingChanged && (
        <p className="notice" role="status">
          {t('personForm.noChanges')}
        </p>
      )}
      {duplicates && (
        <DuplicateWarning
          candidates={duplicates}
          areas={areas}
          busy={busy}
          onConfirm={confirmNotDuplicate}
          onBack={() => {
            dismissDuplicates();
            focusField(fieldId(FORM, 'name'));
          }}
        />
      )}
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        className="person-form"
        initialValues={initialValues}
        onFinish={submit}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
        onValuesChange={() => setNothingChanged(false)}
      >
        <h2>{t('personForm.basic')}</h2>
        <Form.Item name="name" label={t('personForm.name')} rules={[required(t('personForm.name'))]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>

        <IdentityFields person={person} form={form} />

        <ContactFields person={person} />

        <AreaFields person={person} form={form} areas={areas} />

        <SituationFields />

        {!editing && <CertificateFields form={form} />}

        <h2>{t('personForm.note')}</h2>
        <Form.Item
          name="reason"
          label={editing ? t('personForm.reason') : t('personForm.createReason')}
          extra={editing ? t('personForm.reasonHelp') : t('personForm.createReasonHelp')}
          rules={editing ? [required(t('personForm.reason'))] : []}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>

        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('common.saving') : editing ? t('personForm.submitEdit') : t('personForm.submitCreate')}
          </Button>
          <Link to={editing ? `/persons/${person.id}` : '/persons'} className="button-link">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}
