import { lazy, Suspense } from 'react';
import { useMe } from '../session';

const PersonBenefits = lazy(() => import('../benefits/PersonBenefits'));

/**
 * The person page's "benefits" (享受待遇) section, for staff who may read benefits: loaded only
 * with that permission, in its own chunk.
 */
export function BenefitsSection({ personId }: { personId: string }) {
  const { data: me } = useMe(false);
  if (!me?.permissions.includes('benefits.read')) return null;
  return (
    <Suspense fallback={null}>
      <PersonBenefits personId={personId} />
    </Suspense>
  );
}
