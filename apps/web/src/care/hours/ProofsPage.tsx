/** Every proof issued (/care/proofs, care.hours): print or revoke. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { PageTitle } from '../../components/PageTitle';
import type { Page } from '../../types';
import { useHT } from './i18n';
import type { Proof } from './model';
import { StaffProofs } from './StaffProofs';

export default function ProofsPage() {
  const { t } = useHT();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['care', 'proofs', 'all'],
    queryFn: ({ signal }) => api.get<Page<Proof>>('/care/proofs', { query: { limit: 200 }, signal }),
  });
  return (
    <>
      <PageTitle title={t('proofs.title')} />
      <p>{t('proofs.intro')}</p>
      {list.error && (
        <ErrorSummary items={[{ message: isApiError(list.error) ? list.error.detail : t('loadFailed') }]} />
      )}
      <StaffProofs
        proofs={[...(list.data?.items ?? [])].reverse()}
        loading={list.isPending}
        showVolunteer
        onChanged={() => void qc.invalidateQueries({ queryKey: ['care', 'proofs'] })}
      />
    </>
  );
}
