import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column: a heading and what a row shows in it (`render`, or the row's `field`). */
export interface Column<T> {
  key: string;
  title: ReactNode;
  field?: keyof T;
  render?: (row: T) => ReactNode;
  /** Cells of this column name their row (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

/**
 * A plain, semantic data table (the `.data-table` styles). It replaces antd's Table, whose ~65 KB
 * of gzip'd JavaScript (sorting, filters, virtual scroll, selection) these lists never used and
 * which pushed the pages that had it over the first-route budget (DESIGN.md: ≤ 350 KB gzip).
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  loading = false,
  emptyText,
  rowClassName,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  loading?: boolean;
  emptyText?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <table className="data-table" aria-busy={loading || undefined}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.className}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="data-table-empty">
              {loading ? t('app.loading') : (emptyText ?? t('common.empty'))}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) => {
                const content = c.render ? c.render(row) : c.field ? (row[c.field] as ReactNode) : null;
                return c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {content}
                  </th>
                ) : (
                  <td key={c.key} className={c.className}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
