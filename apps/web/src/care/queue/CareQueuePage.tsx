/**
 * 我的待办 (/care/queue): a care worker's queue. Each area adds its own section component here
 * (one import, one line below): visits due (care.visits), open needs, work-plan items.
 */
import { PageTitle } from '../../components/PageTitle';
import { hasAny, useMe } from '../../session';
import { useVT } from '../visits/i18n';
import { VisitsDueSection } from '../visits/VisitsDueSection';
import { NeedsQueueSection } from '../needs/NeedsQueueSection';
import { WorkQueueSection } from '../plans/WorkQueueSection';

export default function CareQueuePage() {
  const { t } = useVT();
  const { data: me } = useMe(false);
  return (
    <>
      <PageTitle title={t('queue.title')} />
      <p>{t('queue.intro')}</p>
      {hasAny(me, ['care.visits']) && <VisitsDueSection />}
      {hasAny(me, ['care.needs']) && <NeedsQueueSection />}
      {hasAny(me, ['care.plans']) && <WorkQueueSection />}
    </>
  );
}
