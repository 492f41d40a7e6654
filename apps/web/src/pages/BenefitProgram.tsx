import { lazy, Suspense } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SideDrawer, useOpener } from '../components/SideDrawer';
import { TableScroll } from '../components/TableScroll';
import { useBT } from '../benefits/i18n';
import { isEn, pick, useProgram, type ProgramOut } from '../benefits/model';
import { ExampleTag } from '../benefits/parts';
import { VersionPanel } from '../benefits/version/VersionPanel';
import { useMe } from '../session';

// The drawers' forms (antd Form and inputs) load when a drawer opens, not with the page.
const DetailsForm = lazy(() =>
  import('../benefits/program-forms/DetailsForm').then((m) => ({ default: m.DetailsForm })),
);
const VariableForm = lazy(() =>
  import('../benefits/program-forms/VariableForm').then((m) => ({ default: m.VariableForm })),
);

type Panel = { kind: 'details' } | { kind: 'variable'; index: number | null };

/** A programme: its details, its own variables, its rule versions and the version editor. */

/** Moves focus to an element once it is in the page (the version editor loads lazily). */
function focusWhenShown(id: string, tries = 60): void {
  window.setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else if (tries > 0) focusWhenShown(id, tries - 1);
  }, 50);
}

export default function BenefitProgram() {
  const { code = '' } = useParams();
  const { t } = useBT();
  const { t: tr } = useTranslation();
  const program = useProgram(code);
  if (program.isPending)
    return (
      <>
        <PageTitle title={t('program.loading')} />
        <Loading />
      </>
    );
  if (program.error)
    return (
      <>
        <PageTitle title={t('program.notFound')} />
        <ErrorSummary
          items={[{ message: isApiError(program.error) ? program.error.detail : tr('errors.network') }]}
        />
        <p>
          <Link to="/benefits/programs">{t('program.back')}</Link>
        </p>
      </>
    );
  return <ProgramView program={program.data} />;
}

function ProgramView({ program }: { program: ProgramOut }) {
  const { t } = useBT();
  const { t: tr, i18n } = useTranslation();
  const lang = i18n.language;
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe(false);
  const canManage = Boolean(me?.permissions.includes('benefits.manage'));
  const panel = useOpener<Panel>();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const selected = params.get('version');
  const versions = [...program.versions].sort((a, b) => b.versionNo - a.versionNo);

  return (
    <>
      <PageTitle title={pick(program.name, lang)} />
      <p className="lead">
        <ExampleTag example={program.example} /> {pick(program.description, lang)}
      </p>
      {program.example && <p className="notice notice-warning">{t('exampleNotice')}</p>}
      {notice && <p className="notice notice-success">{notice}</p>}
      <div className="toolbar">
        <Link to="/benefits/programs" className="button-link">
          {t('program.back')}
        </Link>
        <Link to={`/benefits/cycles?programCode=${program.code}`} className="button-link">
          {t('program.cycles')}
        </Link>
      </div>

      <section aria-labelledby="sec-program">
        <h2 id="sec-program">{t('program.details')}</h2>
        <dl className="facts">
          <dt>{t('programs.code')}</dt>
          <dd className="mono">{program.code}</dd>
          <dt>{t('programs.nameZh')}</dt>
          <dd lang="zh-CN">{program.name.zh}</dd>
          <dt>{t('programs.nameEn')}</dt>
          <dd lang="en">{program.name.en}</dd>
          <dt>{t('programs.periodicity')}</dt>
          <dd>{t(`periodicity.${program.periodicity}`)}</dd>
          <dt>{t('programs.status')}</dt>
          <dd>{program.active ? t('programs.active') : t('programs.inactive')}</dd>
          <dt>{t('programs.inForce')}</dt>
          <dd>
            {program.current
              ? `${t('programs.versionFrom', {
                  n: program.current.versionNo,
                  date: program.current.effectiveFrom,
                })} — ${pick(program.current.summary, lang)}`
              : t('programs.noVersion')}
          </dd>
        </dl>
        {canManage && (
          <Button className="wrap-button" onClick={() => panel.open({ kind: 'details' })}>
            {t('program.editDetails')}
          </Button>
        )}
      </section>

      <section aria-labelledby="sec-variables">
        <h2 id="sec-variables">{t('variables.heading')}</h2>
        <p className="help-text">{t('variables.help')}</p>
        {program.variables.length === 0 ? (
          <p>{t('variables.none')}</p>
        ) : (
          <TableScroll label={t('variables.heading')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('variables.label')}</th>
                  <th scope="col">{t('variables.name')}</th>
                  <th scope="col">{t('variables.type')}</th>
                  <th scope="col">{t('variables.values')}</th>
                  {canManage && <th scope="col">{tr('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {program.variables.map((v, i) => (
                  <tr key={v.name}>
                    <th scope="row">{pick(v.label, lang)}</th>
                    <td className="mono">{v.name}</td>
                    <td>{t(`varType.${v.type}`)}</td>
                    <td>
                      {v.type === 'enum'
                        ? (v.values ?? []).join(isEn(lang) ? ', ' : '、')
                        : v.type === 'number' && (v.min !== undefined || v.max !== undefined)
                          ? `${v.min ?? '…'} – ${v.max ?? '…'}`
                          : ''}
                    </td>
                    {canManage && (
                      <td>
                        <Button size="small" onClick={() => panel.open({ kind: 'variable', index: i })}>
                          {t('variables.edit', { label: pick(v.label, lang) })}
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canManage && (
          <Button className="wrap-button" onClick={() => panel.open({ kind: 'variable', index: null })}>
            {t('variables.add')}
          </Button>
        )}
      </section>

      <section aria-labelledby="sec-versions">
        <h2 id="sec-versions">{t('versions.heading')}</h2>
        {versions.length === 0 ? (
          <p>{t('versions.none')}</p>
        ) : (
          <TableScroll label={t('versions.heading')}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('versions.no')}</th>
                  <th scope="col">{t('versions.status')}</th>
                  <th scope="col">{t('versions.effectiveFrom')}</th>
                  <th scope="col">{tr('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id} aria-current={selected === v.id ? 'true' : undefined}>
                    <th scope="row">
                      {t('versions.n', { n: v.versionNo })}
                      {program.current?.id === v.id && (
                        <>
                          {' '}
                          <span className="tag tag-ok">{t('versions.inForce')}</span>
                        </>
                      )}
                    </th>
                    <td>{t(`version.status.${v.status}`)}</td>
                    <td className="nowrap">{v.effectiveFrom}</td>
                    <td>
                      <Link to={`?version=${v.id}`} onClick={() => focusWhenShown('version-heading')}>
                        {v.status === 'draft' && canManage
                          ? t('versions.editN', { n: v.versionNo })
                          : t('versions.openN', { n: v.versionNo })}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canManage && selected !== 'new' && (
          <Button
            type="primary"
            className="wrap-button"
            onClick={() => {
              setParams({ version: 'new' });
              focusWhenShown('version-heading');
            }}
          >
            {program.current ? t('versions.newFromCurrent') : t('versions.new')}
          </Button>
        )}
      </section>

      {selected && (
        <VersionPanel key={selected} program={program} versionId={selected} canManage={canManage} />
      )}

      {canManage && (
        <>
          <SideDrawer
            open={panel.state?.kind === 'details'}
            title={t('program.editDetails')}
            onClose={panel.close}
            returnFocus={panel.trigger}
          >
            <Suspense fallback={<Loading />}>
              <DetailsForm program={program} onCancel={panel.close} onDone={panel.close} />
            </Suspense>
          </SideDrawer>
          <SideDrawer
            open={panel.state?.kind === 'variable'}
            title={
              panel.state?.kind === 'variable' && panel.state.index !== null
                ? t('variables.editTitle')
                : t('variables.addTitle')
            }
            onClose={panel.close}
            returnFocus={panel.trigger}
          >
            {panel.state?.kind === 'variable' && (
              <Suspense fallback={<Loading />}>
                <VariableForm
                  program={program}
                  index={panel.state.index}
                  onCancel={panel.close}
                  onDone={panel.close}
                />
              </Suspense>
            )}
          </SideDrawer>
        </>
      )}
    </>
  );
}
