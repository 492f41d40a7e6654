/** 暖心行动 projects (/care/projects, care.plans): the list, and a link to create one. */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { usePT } from './i18n';
import type { Project } from './model';
import { useProjects } from './pickers';
import './plans.css';

export default function ProjectsPage() {
  const { t } = usePT();
  const { t: tc } = useTranslation();
  const projects = useProjects();
  const columns: Column<Project>[] = [
    {
      key: 'name',
      title: t('projects.name'),
      rowHeader: true,
      render: (p) => (
        <Link to={`/care/projects/${p.id}`} aria-label={t('projects.openLabel', { name: p.name })}>
          {p.name}
        </Link>
      ),
    },
    {
      key: 'stages',
      title: t('projects.stages'),
      render: (p) =>
        t('labelled', {
          label: t('projects.stageCount', { count: p.stages.length }),
          value: p.stages.map((s) => s.name).join(t('listSep')),
        }),
    },
    {
      key: 'active',
      title: t('projects.active'),
      render: (p) => (p.active ? t('projects.isActive') : t('projects.inactive')),
    },
  ];
  return (
    <>
      <PageTitle title={t('projects.title')} />
      <p>{t('projects.intro')}</p>
      <div className="toolbar">
        <Link className="button-link button-link-primary" to="/care/projects/new">
          {t('projects.create')}
        </Link>
      </div>
      {projects.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <TableScroll label={t('projects.tableLabel')}>
          <DataTable<Project>
            rowKey={(p) => p.id}
            columns={columns}
            rows={projects.data?.items ?? []}
            loading={projects.isPending}
            emptyText={tc('common.empty')}
          />
        </TableScroll>
      )}
    </>
  );
}
