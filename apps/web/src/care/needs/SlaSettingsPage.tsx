/**
 * Time limits of needs (/care/needs/slas): hours per category and urgency. Everyone with care.needs
 * reads them; care.settings changes them (each category saved with the version read).
 */
import { useState } from 'react';
import { Button, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { applyProblem } from '../../forms';
import { hasAny, useMe } from '../../session';
import { useNT } from './i18n';
import { URGENCIES, validHours, type NeedCategory, type NeedUrgency, type Slas } from './model';
import './needs.css';

const KEY = ['care', 'needs', 'slas'] as const;
type Draft = Record<NeedCategory, Record<NeedUrgency, string>>;
const cellId = (c: string, u: string) => `sla_${c}_${u}`;

function draftOf(s: Slas): Draft {
  return Object.fromEntries(
    s.items.map((i) => [i.category, Object.fromEntries(URGENCIES.map((u) => [u, String(i.hours[u])]))]),
  ) as Draft;
}

export default function SlaSettingsPage() {
  const { t } = useNT();
  const slas = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<Slas>('/care/needs/slas', { signal }),
  });
  return (
    <>
      <PageTitle title={t('slas.title')} />
      <p>{t('slas.intro')}</p>
      {slas.isPending ? (
        <Loading />
      ) : slas.isError ? (
        <p className="notice notice-error">{t('loadFailed')}</p>
      ) : (
        <SlaEditor key={slas.data.items.map((i) => i.version).join('.')} data={slas.data} />
      )}
    </>
  );
}

function SlaEditor({ data }: { data: Slas }) {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const { data: me } = useMe(false);
  const canEdit = hasAny(me, ['care.settings']);
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>(() => draftOf(data));
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const [title, setTitle] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const bad: SummaryItem[] = [];
    for (const i of data.items)
      for (const u of URGENCIES)
        if (!validHours(draft[i.category][u]))
          bad.push({
            id: cellId(i.category, u),
            message: t('slas.invalid', { category: t(`category.${i.category}`), urgency: t(`urgency.${u}`) }),
          });
    setTitle(undefined);
    setProblems(bad);
    if (bad.length) return;
    const changed = data.items.filter((i) =>
      URGENCIES.some((u) => Number(draft[i.category][u]) !== i.hours[u]),
    );
    if (!changed.length) {
      announce(t('slas.saved'));
      return;
    }
    setBusy(true);
    try {
      const out = await api.put<Slas>('/care/needs/slas', {
        items: changed.map((i) => ({
          category: i.category,
          version: i.version,
          hours: Object.fromEntries(URGENCIES.map((u) => [u, Number(draft[i.category][u])])),
        })),
      });
      qc.setQueryData(KEY, out);
      announce(t('slas.saved'));
    } catch (e) {
      const s = applyProblem(null, 'slas', e, [], tc);
      setTitle(s.title);
      setProblems(s.items);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {!canEdit && <p className="notice">{t('slas.readOnly')}</p>}
      <ErrorSummary items={problems} title={title} />
      <TableScroll label={t('slas.tableLabel')}>
        <table className="data-table need-sla-table">
          <thead>
            <tr>
              <th scope="col">{t('slas.category')}</th>
              {URGENCIES.map((u) => (
                <th key={u} scope="col">
                  {t(`urgency.${u}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr key={i.category}>
                <th scope="row">
                  {t(`category.${i.category}`)}
                  {i.isDefault && <span className="muted">{t('slas.isDefault')}</span>}
                </th>
                {URGENCIES.map((u) => (
                  <td key={u}>
                    {canEdit ? (
                      <Input
                        id={cellId(i.category, u)}
                        inputMode="numeric"
                        aria-label={t('slas.hoursOf', {
                          category: t(`category.${i.category}`),
                          urgency: t(`urgency.${u}`),
                        })}
                        aria-invalid={problems.some((p) => p.id === cellId(i.category, u)) || undefined}
                        value={draft[i.category][u]}
                        onChange={(e) =>
                          setDraft({
                            ...draft,
                            [i.category]: { ...draft[i.category], [u]: e.target.value.trim() },
                          })
                        }
                      />
                    ) : (
                      t('hours', { count: i.hours[u] })
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {canEdit && (
        <div className="toolbar">
          <Button type="primary" onClick={() => void save()} loading={busy}>
            {busy ? tc('common.saving') : t('slas.save')}
          </Button>
        </div>
      )}
    </>
  );
}
