/**
 * Saving the person form: create (with the possible-duplicate warning and its confirmation) or
 * update (only what changed, with If-Match; a stale version offers a reload), then go to the
 * person's page with a notice.
 */
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api';
import { applyProblem, type ProblemSummary } from '../../forms';
import { checkIdNumber } from '../../registry';
import type { Page, PersonCreateBody, PersonListItem, PersonOut } from '../../types';
import { ALIASES, changesOf, createBody, FIELDS, FORM, NO_ERRORS, type Values } from './values';

/** Someone already registered with the name and birth date entered (the search gives no birth dates). */
export type DuplicateCandidate = PersonListItem & { birthDate: string };

export function usePersonSave(form: FormInstance<Values>, person: PersonOut | null) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [nothingChanged, setNothingChanged] = useState(false);
  const pending = useRef<PersonCreateBody | null>(null);

  const done = async (saved: PersonOut, notice: string) => {
    await qc.invalidateQueries({ queryKey: ['persons'] });
    qc.setQueryData(['person', saved.id], saved);
    await qc.invalidateQueries({ queryKey: ['person', saved.id] });
    await navigate(`/persons/${saved.id}`, { state: { notice } });
  };

  const create = async (body: PersonCreateBody) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const saved = await api.post<PersonOut>('/persons', body);
      await done(saved, t('personForm.created', { name: saved.name }));
    } catch (e) {
      if (isApiError(e) && e.fieldErrors.some((f) => f.code === 'possible_duplicate')) {
        pending.current = body;
        setDuplicates(await similarPersons(body));
        return;
      }
      setSummary(applyProblem(form, FORM, e, FIELDS, t, ALIASES));
    } finally {
      setBusy(false);
    }
  };

  /** Those already registered with this name and birth date (what the server found). */
  const similarPersons = async (body: PersonCreateBody): Promise<DuplicateCandidate[]> => {
    const birth = checkIdNumber(body.idNumber);
    if (!birth.ok) return [];
    try {
      const page = await api.get<Page<PersonListItem>>('/persons', {
        query: { q: body.name, birthDate: birth.birthDate, limit: 50 },
      });
      return page.items.map((p) => ({ ...p, birthDate: birth.birthDate }));
    } catch {
      return [];
    }
  };

  const update = async (p: PersonOut, v: Values) => {
    setSummary(NO_ERRORS);
    setNothingChanged(false);
    const body = changesOf(p, v);
    if (Object.keys(body).length === 0) {
      setNothingChanged(true);
      return;
    }
    body.reason = v.reason?.trim();
    setBusy(true);
    try {
      const saved = await api.patch<PersonOut>(`/persons/${p.id}`, body, {
        headers: { 'If-Match': String(p.version) },
      });
      await done(saved, t('personForm.updated', { name: saved.name }));
    } catch (e) {
      if (isApiError(e) && e.code === 'version_mismatch') setStale(true);
      setSummary(applyProblem(form, FORM, e, FIELDS, t, ALIASES));
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: Values) => {
    if (person) return void update(person, v);
    void create(createBody(v));
  };

  /** "Register anyway" after the duplicate warning. */
  const confirmNotDuplicate = () => {
    const body = pending.current;
    setDuplicates(null);
    if (body) void create({ ...body, confirmNotDuplicate: true });
  };

  return {
    summary,
    setSummary,
    busy,
    stale,
    duplicates,
    dismissDuplicates: () => setDuplicates(null),
    confirmNotDuplicate,
    nothingChanged,
    setNothingChanged,
    submit,
  };
}
