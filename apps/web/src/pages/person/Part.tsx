import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';

/** A part of the page with its own request: loading, error, or its content. */
export function Part<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error)
    return (
      <p className="notice notice-warning">
        {isApiError(query.error) ? query.error.detail : t('errors.network')}
      </p>
    );
  if (query.isPending || query.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  return <>{children(query.data)}</>;
}
