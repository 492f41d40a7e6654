/** The programme page's rule version (or a new one): loaded, then edited in VersionEditor. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useBT } from '../i18n';
import type { ProgramOut, ProgramVersionOut } from '../model';
import { Part } from '../parts';
import { VersionEditor } from './VersionEditor';

export function VersionPanel({
  program,
  versionId,
  canManage,
}: {
  program: ProgramOut;
  versionId: string;
  canManage: boolean;
}) {
  const { t } = useBT();
  const version = useQuery({
    queryKey: ['benefits', 'program', program.code, 'version', versionId],
    queryFn: ({ signal }) =>
      api.get<ProgramVersionOut>(`/benefits/programs/${program.code}/versions/${versionId}`, { signal }),
    enabled: versionId !== 'new',
  });
  if (versionId === 'new') {
    return <VersionEditor key="new" program={program} version={null} canManage={canManage} />;
  }
  return (
    <Part query={version}>
      {(v) =>
        v ? (
          <VersionEditor key={`${v.id}-${v.status}`} program={program} version={v} canManage={canManage} />
        ) : (
          <p>{t('version.notFound')}</p>
        )
      }
    </Part>
  );
}
