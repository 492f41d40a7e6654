/** A cycle's entitlements as a table, with a checkbox per row (and for all rows) when there are actions. */
import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { streetName } from '../../labels';
import type { StreetOut } from '../../types';
import { useBT } from '../i18n';
import { yuan, type EntitlementOut } from '../model';
import { EntitlementStateTag } from '../parts';

export function EntitlementsTable({
  rows,
  pending,
  selectable,
  selected,
  onSelect,
  areas,
}: {
  rows: EntitlementOut[];
  /** The first page is still loading. */
  pending: boolean;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: Dispatch<SetStateAction<Set<string>>>;
  areas: readonly StreetOut[] | undefined;
}) {
  const { t } = useBT();
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) =>
    onSelect((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  return (
    <TableScroll label={t('ent.tableLabel')}>
      <table className="data-table">
        <caption className="visually-hidden">{t('ent.tableLabel')}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label={t('ent.selectAll')}
                  checked={allOnPage}
                  disabled={rows.length === 0}
                  onChange={(e) => onSelect(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                />
              </th>
            )}
            <th scope="col">{t('ent.person')}</th>
            <th scope="col">{t('ent.idNumber')}</th>
            <th scope="col">{t('ent.street')}</th>
            <th scope="col" className="num">
              {t('ent.amount')}
            </th>
            <th scope="col">{t('ent.state')}</th>
            <th scope="col">{t('ent.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && !pending && (
            <tr>
              <td colSpan={selectable ? 7 : 6} className="data-table-empty">
                {t('ent.none')}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.id}>
              {selectable && (
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={t('ent.select', { name: r.person.name })}
                    checked={selected.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                  />
                </td>
              )}
              <th scope="row">
                <Link to={`/persons/${r.person.id}`}>{r.person.name}</Link>
              </th>
              <td className="nowrap">{r.person.idNumber}</td>
              <td>{streetName(lang, r.streetCode, areas)}</td>
              <td className="num">{yuan(r.amountFen, lang)}</td>
              <td>
                <EntitlementStateTag state={r.state} />
              </td>
              <td>
                {[
                  r.decisionNote,
                  r.paymentRef ? t('ent.paymentRef', { ref: r.paymentRef }) : null,
                  r.paymentError ? t('ent.paymentError', { error: r.paymentError }) : null,
                ]
                  .filter(Boolean)
                  .join('；')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
