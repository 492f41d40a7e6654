import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** id of the form control the message is about (a link moves focus there). */
  id?: string;
  message: string;
}

export function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const focusable = el.matches('input, select, textarea, button, [tabindex]')
    ? el
    : el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button');
  (focusable ?? el).focus();
}

/**
 * Error summary: role="alert", takes focus whenever it gets new messages, and each message links to
 * its field.
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  // Focus when the messages change (not on every re-render of the same messages).
  const signature = items.map((i) => `${i.id ?? ''}\u0000${i.message}`).join('\u0001');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  const heading =
    title ??
    (items.length === 1 ? t('errors.summaryTitleOne') : t('errors.summaryTitle', { count: items.length }));
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={headingId}>
      <h2 id={headingId} className="error-summary-title">
        {heading}
      </h2>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.id ?? ''}-${i}`}>
            {item.id ? (
              <a
                href={`#${item.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(item.id!);
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
