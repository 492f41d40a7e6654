import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TableScroll } from '../../components/TableScroll';
import { communityName, formatTime, streetName } from '../../labels';
import { categoryName, gradeName } from '../../registry';
import { useMe } from '../../session';
import type { Guardian, HistoryEntry, StreetOut } from '../../types';

const FIELD_KEYS = [
  'name',
  'hukou',
  'livingStatus',
  'lowIncome',
  'employment',
  'education',
  'ownsMotorisedWheelchair',
  'streetCode',
  'communityId',
  'phone',
  'address',
  'category',
  'grade',
  'guardian',
  'householdId',
  'householdRole',
  'mergedFrom',
  'mergedInto',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
const ACTION_KEYS = [
  'create',
  'update',
  'certificate.add',
  'guardian.add',
  'guardian.remove',
  'household.link',
  'merge.into',
  'merge.from',
  'import',
] as const;
type ActionKey = (typeof ACTION_KEYS)[number];

function isOneOf<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}

/** One value of a change, in words. */
function valueText(
  t: TFunction,
  lang: string,
  field: string,
  v: unknown,
  areas: readonly StreetOut[] | undefined,
  guardians: readonly Guardian[],
): string {
  if (v === null || v === undefined || v === '') return t('personDetail.valueEmpty');
  switch (field) {
    case 'phone':
    case 'address':
      return v === 'set' ? t('personDetail.valueSet') : String(v);
    case 'hukou':
    case 'livingStatus':
    case 'lowIncome':
    case 'employment':
    case 'education':
      return t(`registry.${field}.${String(v)}` as 'registry.hukou.shanghai', { defaultValue: String(v) });
    case 'ownsMotorisedWheelchair':
      return v ? t('common.yes') : t('common.no');
    case 'streetCode':
      return streetName(lang, String(v), areas);
    case 'communityId':
      return communityName(String(v), areas) ?? t('personDetail.valueOther');
    case 'category':
      return categoryName(t, Number(v));
    case 'grade':
      return gradeName(t, Number(v));
    case 'householdRole':
      return t(`registry.householdRole.${String(v)}` as 'registry.householdRole.head', {
        defaultValue: String(v),
      });
    case 'householdId':
      return t('personDetail.valueHousehold');
    case 'guardian': {
      const g = v as { id?: string; relationship?: string };
      const known = guardians.find((x) => x.id === g.id);
      const rel = g.relationship
        ? t(`registry.relation.${g.relationship}` as 'registry.relation.parent', {
            defaultValue: g.relationship,
          })
        : '';
      return [known?.name, rel].filter(Boolean).join(' · ') || t('personDetail.valueGuardian');
    }
    case 'mergedFrom':
    case 'mergedInto':
      return t('personDetail.valueRecord');
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export function HistoryTable({
  items,
  areas,
  guardians,
}: {
  items: HistoryEntry[];
  areas: readonly StreetOut[] | undefined;
  guardians: readonly Guardian[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: me } = useMe(false);
  // Who did it: "you", the staff member's display name (the server gives it to anyone who may read
  // the record), or "the system".
  const nameOf = (h: HistoryEntry): string => {
    if (!h.actorId) return t('personDetail.system');
    if (h.actorId === me?.id) return t('personDetail.you', { name: me.displayName });
    return h.actorName ?? t('personDetail.residentActor');
  };

  if (items.length === 0) return <p>{t('personDetail.noHistory')}</p>;
  return (
    <TableScroll label={t('personDetail.history')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('personDetail.at')}</th>
            <th scope="col">{t('personDetail.actor')}</th>
            <th scope="col">{t('personDetail.action')}</th>
            <th scope="col">{t('personDetail.changes')}</th>
            <th scope="col">{t('personDetail.reasonCol')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => {
            // A value recorded as unchanged (e.g. the category when only the grade changed) is left out.
            const changes = Object.entries(h.changes).filter(
              ([, c]) => JSON.stringify(c.from) !== JSON.stringify(c.to) || c.from === 'set',
            );
            return (
              <tr key={h.id}>
                <td className="nowrap">{formatTime(h.at, lang)}</td>
                <td>{nameOf(h)}</td>
                <td>
                  {isOneOf<ActionKey>(ACTION_KEYS, h.action)
                    ? t(`personDetail.actions.${h.action.replace('.', '_') as 'create'}`)
                    : h.action}
                </td>
                <td>
                  {changes.length === 0 ? (
                    ''
                  ) : (
                    <ul className="change-list">
                      {changes.map(([field, c]) => (
                        <li key={field}>
                          {(field === 'phone' || field === 'address') && c.from === 'set' && c.to === 'set'
                            ? t('personDetail.changedHidden', { field: t(`personDetail.fields.${field}`) })
                            : t('personDetail.change', {
                                field: isOneOf<FieldKey>(FIELD_KEYS, field)
                                  ? t(`personDetail.fields.${field}`)
                                  : field,
                                from: valueText(t, lang, field, c.from, areas, guardians),
                                to: valueText(t, lang, field, c.to, areas, guardians),
                              })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{h.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
