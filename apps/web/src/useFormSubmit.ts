/**
 * A form's submission: busy while it runs, the error summary cleared when it starts and filled when
 * it fails — from the server's problem (its field errors placed on the form's own fields), or from
 * the form's own checks (`invalid`, for `onFinishFailed`).
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyProblem, summaryFromValidation, type ProblemSummary, type ValidationInfo } from './forms';

export function useFormSubmit(
  form: FormInstance,
  formName: string,
  fields: readonly string[],
  /** Problem paths that belong to a differently named field (see applyProblem). */
  aliases: Readonly<Record<string, string>> = {},
) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<ProblemSummary>({ items: [] });
  const [busy, setBusy] = useState(false);
  /** Runs the request; a failure becomes the summary and the fields' messages. */
  const run = async (request: () => Promise<void>) => {
    setBusy(true);
    setSummary({ items: [] });
    try {
      await request();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, fields, t, aliases));
    } finally {
      setBusy(false);
    }
  };
  const invalid = (info: unknown) =>
    setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) });
  return { summary, busy, run, invalid };
}
