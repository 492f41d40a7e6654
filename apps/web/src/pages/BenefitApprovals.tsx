import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { EntitlementsPanel } from '../benefits/entitlements/EntitlementsPanel';
import { useBT } from '../benefits/i18n';
import { periodText, pick, useCycles, usePrograms } from '../benefits/model';
import { ExampleTag, Part } from '../benefits/parts';

/**
 * The approval queue: entitlements waiting for approval, cycle by cycle. Approving what one
 * submitted oneself is refused by the server (four eyes).
 */
export default function BenefitApprovals() {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const cycles = useCycles();
  const programs = usePrograms();
  const [notice, setNotice] = useState<string | null>(null);
  const exampleOf = (code: string) => Boolean(programs.data?.find((p) => p.code === code)?.example);

  return (
    <>
      <PageTitle title={t('approvals.title')} />
      <p>{t('approvals.intro')}</p>
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      <Part query={cycles}>
        {(all) => {
          const waiting = all.filter((c) => (c.counts.pending_approval ?? 0) > 0);
          if (waiting.length === 0) return <p className="notice">{t('approvals.none')}</p>;
          const selected = waiting.find((c) => c.id === params.get('cycle')) ?? waiting[0]!;
          return (
            <>
              <nav aria-labelledby="approvals-cycles">
                <h2 id="approvals-cycles">{t('approvals.cycles')}</h2>
                <ul>
                  {waiting.map((c) => (
                    <li key={c.id}>
                      <Link to={`?cycle=${c.id}`} aria-current={c.id === selected.id ? 'true' : undefined}>
                        {t('cycles.linkText', {
                          name: pick(c.programName, lang),
                          period: periodText(c.period, lang),
                        })}
                      </Link>{' '}
                      <ExampleTag example={exampleOf(c.programCode)} />{' '}
                      {t('approvals.waiting', { count: c.counts.pending_approval ?? 0 })}
                    </li>
                  ))}
                </ul>
              </nav>
              <EntitlementsPanel
                key={selected.id}
                cycle={selected}
                fixedState="pending_approval"
                example={exampleOf(selected.programCode)}
                onNotice={setNotice}
              />
            </>
          );
        }}
      </Part>
    </>
  );
}
