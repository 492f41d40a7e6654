import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let navigations = 0;
let lastKey: string | null = null;

/** Called by the layouts on every location change; the first page load does not move focus. */
export function noteNavigation(key: string): void {
  if (lastKey !== null && lastKey !== key) navigations += 1;
  lastKey = key;
}

/** The page's <h1> and document.title. After an in-app navigation, focus moves to the heading. */
export function PageTitle({ title, heading, id = 'page-title' }: { title: string; heading?: string; id?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - ${t('app.titleSuffix')}`;
  }, [title, t]);
  useEffect(() => {
    if (navigations > 0) ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 id={id} ref={ref} tabIndex={-1} className="page-title">
      {heading ?? title}
    </h1>
  );
}
