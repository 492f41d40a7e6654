import { lazy, Suspense, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { SideDrawer } from '../components/SideDrawer';
import { TableScroll } from '../components/TableScroll';
import { useBT } from '../benefits/i18n';
import { pick, usePrograms } from '../benefits/model';
import { ExampleTag, Part } from '../benefits/parts';
import { Loading } from '../components/Loading';
import { useMe } from '../session';

// The form (antd Form and inputs) loads when the drawer opens, not with the list.
const CreateProgram = lazy(() =>
  import('../benefits/program-forms/CreateProgram').then((m) => ({ default: m.CreateProgram })),
);

/** Benefit programmes (免申即享): the list, and a new programme for those who manage them. */
export default function BenefitPrograms() {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const { data: me } = useMe(false);
  const canManage = Boolean(me?.permissions.includes('benefits.manage'));
  const programs = usePrograms();
  const [creating, setCreating] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      <PageTitle title={t('programs.title')} />
      <p>{t('programs.intro')}</p>
      {canManage && (
        <div className="toolbar">
          <Button ref={createButton} type="primary" onClick={() => setCreating(true)}>
            {t('programs.create')}
          </Button>
        </div>
      )}
      <Part query={programs}>
        {(list) => (
          <TableScroll label={t('programs.tableLabel')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('programs.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programs.name')}</th>
                  <th scope="col">{t('programs.code')}</th>
                  <th scope="col">{t('programs.periodicity')}</th>
                  <th scope="col">{t('programs.inForce')}</th>
                  <th scope="col">{t('programs.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.length === 0 && (
                  <tr>
                    <td colSpan={5} className="data-table-empty">
                      {t('programs.none')}
                    </td>
                  </tr>
                )}
                {list.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      <Link to={`/benefits/programs/${p.code}`}>{pick(p.name, lang)}</Link>{' '}
                      <ExampleTag example={p.example} />
                    </th>
                    <td className="nowrap mono">{p.code}</td>
                    <td className="nowrap">{t(`periodicity.${p.periodicity}`)}</td>
                    <td>
                      {p.current ? (
                        <>
                          <span className="nowrap">
                            {t('programs.versionFrom', {
                              n: p.current.versionNo,
                              date: p.current.effectiveFrom,
                            })}
                          </span>
                          <br />
                          <span className="muted">{pick(p.current.summary, lang)}</span>
                        </>
                      ) : (
                        <span className="muted">{t('programs.noVersion')}</span>
                      )}
                    </td>
                    <td className="nowrap">
                      {p.active ? (
                        <span className="tag tag-ok">{t('programs.active')}</span>
                      ) : (
                        <span className="tag">{t('programs.inactive')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Part>
      {canManage && (
        <SideDrawer
          open={creating}
          title={t('programs.createTitle')}
          onClose={() => setCreating(false)}
          returnFocus={createButton}
        >
          <Suspense fallback={<Loading />}>
            <CreateProgram onCancel={() => setCreating(false)} />
          </Suspense>
        </SideDrawer>
      )}
    </>
  );
}
