import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown when a page's code cannot be loaded (e.g. the network dropped after a deploy). */
export function RouteError() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.titleSuffix');
  }, [t]);
  return (
    <main id="main" tabIndex={-1} className="route-error">
      <h1>{t('app.name')}</h1>
      <p role="alert">{t('app.loadFailed')}</p>
      <p>
        <button type="button" className="plain-button" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
      </p>
    </main>
  );
}
