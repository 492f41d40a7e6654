/** Server field problems with nested paths (participants.0.volunteerId) → antd Form.List fields and the summary. */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api';
import { applyProblem, dottedPath, fieldId, type ProblemSummary } from '../../forms';

type Name = (string | number)[];

/**
 * Like applyProblem, but a dotted path names a nested field: `participants.1.userId` →
 * ['participants', 1, 'userId']. `rowField` names the field a row-level problem (`participants.1`)
 * belongs on.
 */
export function applyNestedProblem(
  form: FormInstance,
  formName: string,
  err: unknown,
  fields: readonly string[],
  t: TFunction,
  rowField: (list: string, index: number) => string,
  aliases: Readonly<Record<string, string>> = {},
): ProblemSummary {
  if (!isApiError(err) || err.fieldErrors.length === 0)
    return applyProblem(form, formName, err, fields, t, aliases);
  const items: ProblemSummary['items'] = [];
  const byName = new Map<string, { name: Name; errors: string[] }>();
  for (const fe of err.fieldErrors) {
    const dotted = dottedPath(fe.path);
    let name: Name = (aliases[dotted] ?? dotted).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (name.length === 2 && typeof name[1] === 'number')
      name = [...name, rowField(String(name[0]), name[1])];
    if (!fields.includes(String(name[0]))) {
      items.push({ message: fe.message });
      continue;
    }
    const key = name.join('.');
    const cur = byName.get(key) ?? { name, errors: [] };
    cur.errors.push(fe.message);
    byName.set(key, cur);
    items.push({ id: fieldId(formName, name), message: fe.message });
  }
  form.setFields([...byName.values()]);
  return { title: err.detail, items };
}
