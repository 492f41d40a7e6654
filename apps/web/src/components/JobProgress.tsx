import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobOut } from '../types';

/**
 * A background job's progress bar (imports, eligibility runs): a labelled <progress>, the count in
 * words, and milestones (every quarter, given by the page) in a polite live region so screen
 * readers are not flooded.
 */
export function JobProgress({
  job,
  label,
  milestone,
  progressText,
}: {
  job: JobOut | null;
  label: string;
  milestone: string;
  /** The count in words (default: rows, as in the import). */
  progressText?: (done: number, total: number | null) => string;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const total = job?.total ?? null;
  const done = job?.progress ?? 0;
  return (
    <div className="job-progress">
      <p id={labelId}>{label}</p>
      {total ? (
        <progress aria-labelledby={labelId} max={total} value={Math.min(done, total)} />
      ) : (
        <progress aria-labelledby={labelId} />
      )}
      <p className="muted">
        {progressText
          ? progressText(done, total)
          : total
            ? t('personImport.progress', { done, total })
            : t('personImport.progressUnknown', { done })}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {milestone}
      </p>
    </div>
  );
}
