import { useId } from 'react';
import { Checkbox, Form, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { JINGAN_STREETS, ROLES, type Role } from '@jinglin/shared';
import type { StreetOut } from '../types';

/** Roles as a group of checkboxes in a fieldset (more usable than a multi-select). */
export function RolesField({
  name,
  label,
  help,
  rules,
  roles = ROLES,
}: {
  name: string;
  label: string;
  help?: string;
  rules?: Rule[];
  roles?: readonly Role[];
}) {
  const { t } = useTranslation();
  const legendId = useId();
  return (
    <fieldset className="fieldset checkbox-grid">
      <legend id={legendId}>{label}</legend>
      <Form.Item name={name} extra={help} rules={rules}>
        <Checkbox.Group
          role="group"
          aria-labelledby={legendId}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </Form.Item>
    </fieldset>
  );
}

export interface StreetOption {
  value: string;
  label: string;
}

export function streetOptions(lang: string, areas?: readonly StreetOut[]): StreetOption[] {
  const list = areas && areas.length > 0 ? areas : JINGAN_STREETS;
  return list.map((s) => ({ value: s.code, label: lang === 'en' ? s.nameEn : s.name }));
}

export function communityOptions(streetCode: string | null | undefined, areas?: readonly StreetOut[]) {
  const streets = areas ?? [];
  const list = streetCode ? streets.filter((s) => s.code === streetCode) : streets;
  return list.flatMap((s) => s.communities.map((c) => ({ value: c.id, label: c.name })));
}

/** A select that is searchable by typing, with a plain-text "nothing found" message. */
export function SearchSelect(props: React.ComponentProps<typeof Select<string>>) {
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
