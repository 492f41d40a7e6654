import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens (tables are exempt from 320 px reflow) instead of
 * squeezing each word into a column of single characters. The region is focusable so keyboard users
 * can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
