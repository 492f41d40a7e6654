import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLE_SCOPE, type ScopeLevel } from '@jinglin/shared';
import { PageTitle } from '../components/PageTitle';
import { communityName, roleName, streetName } from '../labels';
import { useAreas } from '../queries';
import { canOpen, PAGES, type PageId } from '../routes';
import { useMe } from '../session';

const ORDER: ScopeLevel[] = ['district', 'street', 'community', 'own', 'none'];

const DESCRIPTIONS: Partial<
  Record<
    PageId,
    | 'personsDesc'
    | 'personImportDesc'
    | 'usersDesc'
    | 'securityDesc'
    | 'areasDesc'
    | 'auditDesc'
    | 'breakGlassDesc'
    | 'accountDesc'
    | 'trackingAlertsDesc'
    | 'trackingDevicesDesc'
    | 'trackingCentresDesc'
    | 'trackingSettingsDesc'
  >
> = {
  persons: 'personsDesc',
  'person-import': 'personImportDesc',
  users: 'usersDesc',
  security: 'securityDesc',
  areas: 'areasDesc',
  audit: 'auditDesc',
  'break-glass': 'breakGlassDesc',
  account: 'accountDesc',
  'tracking-alerts': 'trackingAlertsDesc',
  'tracking-devices': 'trackingDevicesDesc',
  'tracking-centres': 'trackingCentresDesc',
  'tracking-settings': 'trackingSettingsDesc',
};

export default function Home() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe(false);
  const canReadAreas = Boolean(user?.permissions.includes('areas.read'));
  const areas = useAreas(canReadAreas && Boolean(user?.communityId));
  if (!user) return null;

  // The broadest scope among the user's roles.
  const level =
    user.roles.map((r) => ROLE_SCOPE[r]).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))[0] ?? 'none';
  const links = PAGES.filter((p) => p.nav && p.id !== 'home' && canOpen(p, user.permissions));
  const isResident = user.roles.every((r) => r === 'resident' || r === 'guardian');
  const community = communityName(user.communityId, areas.data?.items);

  return (
    <>
      <PageTitle title={t('home.title')} heading={t('home.welcome', { name: user.displayName })} />
      {isResident && <p>{t('home.residentIntro')}</p>}

      <h2>{t('home.rolesTitle')}</h2>
      <ul>
        {user.roles.map((r) => (
          <li key={r}>{roleName(t, r)}</li>
        ))}
      </ul>

      <h2>{t('scope.title')}</h2>
      <dl className="facts">
        <dt>{t('scope.level')}</dt>
        <dd>
          {level === 'district'
            ? t('scope.district')
            : level === 'none'
              ? t('scope.none')
              : level === 'own'
                ? t('scope.own')
                : level === 'street'
                  ? t('scope.street')
                  : t('scope.community')}
        </dd>
        {user.streetCode && (
          <>
            <dt>{t('scope.street')}</dt>
            <dd>{streetName(i18n.language, user.streetCode, areas.data?.items)}</dd>
          </>
        )}
        {user.communityId && (
          <>
            <dt>{t('scope.community')}</dt>
            <dd>{community ?? t('home.communityUnknown', { id: user.communityId })}</dd>
          </>
        )}
      </dl>

      <h2>{t('home.linksTitle')}</h2>
      {links.length === 0 ? (
        <p>{t('home.noLinks')}</p>
      ) : (
        <ul className="link-cards">
          {links.map((p) => {
            const desc = DESCRIPTIONS[p.id];
            return (
              <li key={p.id}>
                <Link to={p.path}>{t(`nav.${p.nav!}`)}</Link>
                {desc && <p>{t(`pages.${desc}`)}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
