import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Household, HouseholdRole } from '../../types';

function roleText(t: TFunction, role: string | null): string {
  return role ? t(`registry.householdRole.${role as HouseholdRole}`, { defaultValue: role }) : '';
}

/** "张三（户主）、李四（配偶）": who is in a household (the members the caller may see). */
export function membersText(t: TFunction, lang: string, h: Household): string {
  return h.members
    .map((m) =>
      m.role ? t('personDetail.memberWithRole', { name: m.name, role: roleText(t, m.role) }) : m.name,
    )
    .join(lang === 'en' ? ', ' : '、');
}

/** The household section of the person page: its number and its members. */
export function HouseholdMembers({ household, selfId }: { household: Household; selfId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts">
        <dt>{t('personDetail.householdId')}</dt>
        <dd className="mono">{household.id}</dd>
      </dl>
      <h3>{t('personDetail.members')}</h3>
      <ul>
        {household.members.map((m) => (
          <li key={m.id}>
            {m.id === selfId ? (
              <>
                {m.name} {t('personDetail.self')}
              </>
            ) : (
              <Link to={`/persons/${m.id}`}>{m.name}</Link>
            )}
            {m.role && ` · ${roleText(t, m.role)}`}
          </li>
        ))}
      </ul>
    </>
  );
}
