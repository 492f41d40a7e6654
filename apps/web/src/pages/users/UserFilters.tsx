/** The users page's search form: a name, a role, a street. */
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@jinglin/shared';
import { SearchSelect, streetOptions } from '../../components/fields';
import { roleName } from '../../labels';
import type { StreetOut } from '../../types';
import type { Filters } from './model';

export function UserFilters({
  areas,
  onSearch,
}: {
  areas: readonly StreetOut[] | undefined;
  onSearch: (v: Filters) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<Filters>();
  const roleOptions = ROLES.map((r) => ({ value: r, label: roleName(t, r) }));
  return (
    <section aria-labelledby="user-filters">
      <h2 id="user-filters" className="visually-hidden">
        {t('users.filters')}
      </h2>
      <Form<Filters>
        form={form}
        name="userFilter"
        layout="vertical"
        className="filter-form"
        role="search"
        onFinish={onSearch}
      >
        <Form.Item name="q" label={t('users.q')}>
          <Input type="search" autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <SearchSelect options={roleOptions} placeholder={t('users.anyRole')} />
        </Form.Item>
        <Form.Item name="streetCode" label={t('users.street')}>
          <SearchSelect options={streetOptions(lang, areas)} placeholder={t('users.anyStreet')} />
        </Form.Item>
        <Form.Item className="filter-actions">
          <div className="toolbar" style={{ margin: 0 }}>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onSearch({});
              }}
            >
              {t('common.reset')}
            </Button>
          </div>
        </Form.Item>
      </Form>
    </section>
  );
}
