/** Hukou, living status, low income, employment, education and the motorised wheelchair. */
import { Checkbox, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchSelect } from '../../components/fields';
import { EDUCATION, EMPLOYMENT, HUKOU, LIVING_STATUS, LOW_INCOME } from '../../registry';

export function SituationFields() {
  const { t } = useTranslation();
  const selectOptions = <T extends string>(values: readonly T[], ns: string) =>
    values.map((v) => ({ value: v, label: t(`registry.${ns}.${v}` as 'registry.hukou.shanghai') }));
  return (
    <>
      <h2>{t('personForm.situation')}</h2>
      <fieldset className="fieldset">
        <legend>{t('personForm.hukou')}</legend>
        <Form.Item name="hukou" style={{ marginBottom: 8 }}>
          <Radio.Group options={selectOptions(HUKOU, 'hukou')} />
        </Form.Item>
      </fieldset>
      <div className="form-grid">
        <Form.Item name="livingStatus" label={t('personForm.livingStatus')}>
          <SearchSelect options={selectOptions(LIVING_STATUS, 'livingStatus')} allowClear={false} />
        </Form.Item>
        <Form.Item name="lowIncome" label={t('personForm.lowIncome')}>
          <SearchSelect options={selectOptions(LOW_INCOME, 'lowIncome')} allowClear={false} />
        </Form.Item>
        <Form.Item name="employment" label={t('personForm.employment')}>
          <SearchSelect options={selectOptions(EMPLOYMENT, 'employment')} allowClear={false} />
        </Form.Item>
        <Form.Item name="education" label={t('personForm.education')}>
          <SearchSelect options={selectOptions(EDUCATION, 'education')} allowClear={false} />
        </Form.Item>
      </div>
      <Form.Item name="ownsMotorisedWheelchair" valuePropName="checked">
        <Checkbox>{t('personForm.wheelchair')}</Checkbox>
      </Form.Item>
    </>
  );
}
