import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The location the app was opened at: its page keeps focus where the browser put it. */
let firstKey: string | null = null;

/**
 * The page's <h1> and document.title. After an in-app navigation, focus moves to the heading so
 * screen-reader and keyboard users start at the top of the new page.
 */
export function PageTitle({
  title,
  heading,
  id = 'page-title',
}: {
  title: string;
  heading?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const { key, pathname } = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - ${t('app.titleSuffix')}`;
  }, [title, t]);
  // A new page (a new path) moves focus; a new query string on the same page (search-as-you-type
  // keeps the search in the URL) does not, or typing would lose the focus.
  useEffect(() => {
    if (firstKey === null) firstKey = key;
    else if (key !== firstKey) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname]);
  return (
    <h1 id={id} ref={ref} tabIndex={-1} className="page-title">
      {heading ?? title}
    </h1>
  );
}
