/** The street and community the person is registered in (the community list follows the street). */
import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { communityOptions, SearchSelect, streetOptions } from '../../components/fields';
import { communityName, streetName } from '../../labels';
import type { PersonOut, StreetOut } from '../../types';
import type { Values } from './values';

export function AreaFields({
  person,
  form,
  areas,
}: {
  person: PersonOut | null;
  form: FormInstance<Values>;
  /** The streets (with their communities) in the user's scope. */
  areas: readonly StreetOut[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const editing = person !== null;
  const streetCode = Form.useWatch('streetCode', form);
  const scopeStreets: readonly StreetOut[] | undefined = areas;
  return (
    <>
      <h2>{t('personForm.area')}</h2>
      <Form.Item
        name="streetCode"
        label={t('personForm.street')}
        dependencies={['communityId']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_r, v: unknown) =>
              v || getFieldValue('communityId')
                ? Promise.resolve()
                : Promise.reject(new Error(t('personForm.chooseStreet'))),
          }),
        ]}
      >
        <SearchSelect
          options={streetOptions(lang, scopeStreets)}
          allowClear={false}
          onChange={() => form.setFieldValue('communityId', undefined)}
        />
      </Form.Item>
      <Form.Item name="communityId" label={t('personForm.community')} extra={t('personForm.communityHelp')}>
        <SearchSelect
          options={communityOptions(streetCode, scopeStreets)}
          placeholder={t('personForm.noCommunity')}
        />
      </Form.Item>
      {editing && (
        <p className="muted">
          {t('personForm.currentArea', {
            area: [streetName(lang, person.streetCode, areas), communityName(person.communityId, areas)]
              .filter(Boolean)
              .join(' / '),
          })}
        </p>
      )}
    </>
  );
}
