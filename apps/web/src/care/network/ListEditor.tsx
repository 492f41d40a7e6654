/**
 * A short list of records as rows of plain labelled inputs (training, awards, evaluations, dated
 * exceptions): add a row, remove a row (focus moves to a neighbour), every input labelled with its
 * row number and field. Keyboard-only; values are strings, checked by `listProblems`.
 */
import { Button } from 'antd';
import { isDate } from './model';

export interface ListField {
  key: string;
  label: string;
  kind: 'text' | 'date' | 'number' | 'select';
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: { value: string; label: string }[];
  /** Shown (and checked) only when this returns true for the row. */
  when?: (row: Record<string, string>) => boolean;
  /** A further check of a filled value (e.g. time ranges); false → `badValue`. */
  check?: (v: string) => boolean;
}

export type ListRow = Record<string, string>;

export interface ListProblem {
  index: number;
  key: string;
  code: 'required' | 'badDate' | 'badNumber' | 'badValue';
}

export const listFieldId = (prefix: string, index: number, key: string) => `${prefix}-${index}-${key}`;

/** Empty required fields, dates not written YYYY-MM-DD, numbers out of range. */
export function listProblems(rows: readonly ListRow[], fields: readonly ListField[]): ListProblem[] {
  const out: ListProblem[] = [];
  rows.forEach((row, index) => {
    for (const f of fields) {
      if (f.when && !f.when(row)) continue;
      const v = (row[f.key] ?? '').trim();
      if (!v) {
        if (f.required) out.push({ index, key: f.key, code: 'required' });
        continue;
      }
      if (f.kind === 'date' && !isDate(v)) out.push({ index, key: f.key, code: 'badDate' });
      if (f.check && !f.check(v)) out.push({ index, key: f.key, code: 'badValue' });
      if (f.kind === 'number') {
        const n = Number(v);
        if (!Number.isFinite(n) || (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max))
          out.push({ index, key: f.key, code: 'badNumber' });
      }
    }
  });
  return out;
}

function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus());
}

export function ListEditor({
  idPrefix,
  legend,
  help,
  fields,
  rows,
  problems,
  onChange,
  blank,
  text,
  max = 50,
}: {
  idPrefix: string;
  legend: string;
  help?: string;
  fields: readonly ListField[];
  rows: readonly ListRow[];
  problems: readonly ListProblem[];
  onChange: (rows: ListRow[]) => void;
  blank: ListRow;
  text: {
    row: (n: number) => string;
    label: (n: number, field: string) => string;
    add: string;
    remove: (n: number) => string;
  };
  max?: number;
}) {
  const addId = `${idPrefix}-add`;
  const bad = (index: number, key: string) => problems.some((p) => p.index === index && p.key === key);
  const set = (index: number, key: string, value: string) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, [key]: value } : r)));
  return (
    <fieldset className="fieldset list-editor">
      <legend>{legend}</legend>
      {help && (
        <p className="help-text" id={`${idPrefix}-help`}>
          {help}
        </p>
      )}
      {rows.map((row, index) => (
        <div key={index} className="list-editor-row" role="group" aria-label={text.row(index + 1)}>
          {fields
            .filter((f) => !f.when || f.when(row))
            .map((f) => {
              const id = listFieldId(idPrefix, index, f.key);
              const common = {
                id,
                'aria-invalid': bad(index, f.key) || undefined,
                'aria-describedby': help ? `${idPrefix}-help` : undefined,
              };
              return (
                <label key={f.key} htmlFor={id}>
                  <span>{text.label(index + 1, f.label)}</span>
                  {f.kind === 'select' ? (
                    <select
                      {...common}
                      value={row[f.key] ?? ''}
                      onChange={(e) => set(index, f.key, e.target.value)}
                    >
                      {(f.options ?? []).map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...common}
                      autoComplete="off"
                      inputMode={f.kind === 'number' ? 'decimal' : undefined}
                      placeholder={f.kind === 'date' ? '2026-01-31' : undefined}
                      maxLength={f.kind === 'date' ? 10 : (f.maxLength ?? 200)}
                      value={row[f.key] ?? ''}
                      onChange={(e) => set(index, f.key, e.target.value)}
                    />
                  )}
                </label>
              );
            })}
          <Button
            onClick={() => {
              onChange(rows.filter((_, i) => i !== index));
              const next = index > 0 ? index - 1 : rows.length > 1 ? 0 : null;
              focusSoon(next === null ? addId : listFieldId(idPrefix, next, fields[0]!.key));
            }}
            aria-label={text.remove(index + 1)}
          >
            <span aria-hidden="true">✕</span>
          </Button>
        </div>
      ))}
      {rows.length < max && (
        <p>
          <Button
            id={addId}
            onClick={() => {
              onChange([...rows, { ...blank }]);
              focusSoon(listFieldId(idPrefix, rows.length, fields[0]!.key));
            }}
          >
            {text.add}
          </Button>
        </p>
      )}
    </fieldset>
  );
}
