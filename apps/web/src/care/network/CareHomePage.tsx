/**
 * 关爱网络 (/care): one page linking every care-network page the user may open, in groups —
 * organisations and volunteers, pairings and visits, needs, meetings and projects, service hours.
 * Pages come from the route list (routes.ts), so a page another area adds appears here by itself.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { canOpen, PAGES, type PageDef } from '../../routes';
import { useMe } from '../../session';
import { useNT } from './i18n';

const GROUPS = ['network', 'visits', 'needs', 'plans', 'hours', 'own', 'other'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(p: PageDef): Group {
  const path = p.path;
  if (path.startsWith('/me/')) return 'own';
  if (/^\/care\/(organisations|volunteers)(\/|$)/.test(path) && !path.endsWith('/hours')) return 'network';
  if (/^\/care\/(pairings|visits|queue)/.test(path)) return 'visits';
  if (path.startsWith('/care/needs')) return 'needs';
  if (/^\/care\/(meetings|projects|plans|work)/.test(path)) return 'plans';
  if (/^\/care\/(hours|proofs)/.test(path) || path.endsWith('/hours')) return 'hours';
  return 'other';
}

/** Menu-worthy care pages: under /care or a person's own care pages, with a navigation entry. */
export function carePages(permissions: readonly string[]): PageDef[] {
  return PAGES.filter(
    (p) =>
      p.nav &&
      p.id !== 'care-home' &&
      (p.path.startsWith('/care/') || p.path.startsWith('/me/care')) &&
      canOpen(p, permissions),
  );
}

export default function CareHomePage() {
  const { t } = useNT();
  const { t: tg } = useTranslation();
  const { data: me } = useMe(false);
  const pages = carePages(me?.permissions ?? []);
  const describe = (p: PageDef) =>
    p.id === 'care-organisations'
      ? t('home.links.organisations')
      : p.id === 'care-volunteers'
        ? t('home.links.volunteers')
        : null;
  return (
    <>
      <PageTitle title={t('home.title')} />
      <p>{t('home.intro')}</p>
      {pages.length === 0 && <p>{t('home.empty')}</p>}
      {GROUPS.map((g) => {
        const inGroup = pages.filter((p) => groupOf(p) === g);
        if (inGroup.length === 0) return null;
        return (
          <section key={g} className="care-home-group" aria-labelledby={`care-home-${g}`}>
            <h2 id={`care-home-${g}`}>{t(`home.groups.${g}`)}</h2>
            <ul className="care-home-links">
              {inGroup.map((p) => (
                <li key={p.id}>
                  <Link to={p.path}>{tg(`nav.${p.nav!}`)}</Link>
                  {describe(p) && <span className="muted"> — {describe(p)}</span>}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
