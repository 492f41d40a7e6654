import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { ErrorSummary, focusField } from '../components/ErrorSummary';
import { communityOptions, SearchSelect, streetOptions } from '../components/fields';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import {
  applyProblem,
  fieldId,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { communityName, streetName } from '../labels';
import { useAreas, usePerson } from '../queries';
import {
  ageFrom,
  categoryName,
  checkCertificate,
  checkIdNumber,
  EDUCATION,
  EMPLOYMENT,
  genderName,
  gradeName,
  HUKOU,
  LIVING_STATUS,
  LOW_INCOME,
} from '../registry';
import { useMe } from '../session';
import { disabilitiesBody, DisabilitiesField, type DisabilityValue } from './person/Disabilities';
import type {
  Education,
  Employment,
  Hukou,
  LivingStatus,
  LowIncome,
  Page,
  PersonCreateBody,
  PersonListItem,
  PersonOut,
  PersonPatchBody,
  StreetOut,
} from '../types';

const FORM = 'person';
const NO_ERRORS: ProblemSummary = { items: [] };
const FIELDS = [
  'name',
  'idNumber',
  'phone',
  'address',
  'streetCode',
  'communityId',
  'hukou',
  'livingStatus',
  'lowIncome',
  'employment',
  'education',
  'ownsMotorisedWheelchair',
  'certNumber',
  'certIssuedAt',
  'disabilities',
  'reason',
];
/** Server paths that belong to another field of this form. */
const ALIASES = {
  'certificate.number': 'certNumber',
  'certificate.issuedAt': 'certIssuedAt',
  'certificate.disabilities': 'disabilities',
  certificate: 'certNumber',
  gender: 'idNumber',
  birthDate: 'idNumber',
};

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  clearPhone?: boolean;
  address?: string;
  clearAddress?: boolean;
  streetCode?: string;
  communityId?: string;
  hukou: Hukou;
  livingStatus: LivingStatus;
  lowIncome: LowIncome;
  employment: Employment;
  education: Education;
  ownsMotorisedWheelchair?: boolean;
  certNumber?: string;
  certIssuedAt?: string;
  disabilities?: DisabilityValue[];
  reason?: string;
}

/** /persons/new and /persons/:id/edit. */
export default function PersonForm() {
  const { id } = useParams();
  return id ? <EditPerson id={id} /> : <CreatePerson />;
}

function CreatePerson() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('personForm.createTitle')} />
      <p>{t('personForm.createIntro')}</p>
      <PersonEditor person={null} />
    </>
  );
}

function EditPerson({ id }: { id: string }) {
  const { t } = useTranslation();
  const person = usePerson(id);
  const title = person.data
    ? t('personForm.editTitle', { name: person.data.name })
    : t('personForm.editTitleLoading');
  return (
    <>
      <PageTitle title={title} />
      {person.isPending ? (
        <Loading />
      ) : person.error ? (
        <>
          <ErrorSummary
            items={[{ message: isApiError(person.error) ? person.error.detail : t('errors.network') }]}
          />
          <p>
            <Link to="/persons">{t('personDetail.back')}</Link>
          </p>
        </>
      ) : (
        // A fresh form for each version: "reload" after a conflict starts from the newest data.
        <PersonEditor key={person.data.version} person={person.data} onReload={() => void person.refetch()} />
      )}
    </>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function PersonEditor({ person, onReload }: { person: PersonOut | null; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe(false);
  const areas = useAreas(Boolean(me?.permissions.includes('areas.read'))).data?.items;
  const [form] = Form.useForm<Values>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [duplicates, setDuplicates] = useState<PersonListItem[] | null>(null);
  const [nothingChanged, setNothingChanged] = useState(false);
  const pending = useRef<PersonCreateBody | null>(null);
  const editing = person !== null;

  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const certNumber = Form.useWatch('certNumber', form) ?? '';
  const streetCode = Form.useWatch('streetCode', form);
  const idCheck = checkIdNumber(idNumber);
  const certCheck = certNumber.trim() ? checkCertificate(certNumber) : null;

  const initialValues: Partial<Values> = person
    ? {
        name: person.name,
        streetCode: person.streetCode,
        communityId: person.communityId ?? undefined,
        hukou: person.hukou,
        livingStatus: person.livingStatus,
        lowIncome: person.lowIncome,
        employment: person.employment,
        education: person.education,
        ownsMotorisedWheelchair: person.ownsMotorisedWheelchair,
      }
    : {
        hukou: 'shanghai',
        livingStatus: 'normal',
        lowIncome: 'none',
        employment: 'unknown',
        education: 'unknown',
        ownsMotorisedWheelchair: false,
        // Someone working for one street (or one community) registers people there.
        streetCode: me?.streetCode ?? (areas?.length === 1 ? areas[0]!.code : undefined),
        communityId: me?.communityId ?? undefined,
      };

  // The areas arrive after the form: someone working for one street gets it filled in.
  const onlyStreet = areas?.length === 1 ? areas[0]!.code : undefined;
  useEffect(() => {
    if (!editing && onlyStreet && !form.getFieldValue('streetCode'))
      form.setFieldValue('streetCode', onlyStreet);
  }, [editing, onlyStreet, form]);

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
  const similarPersons = async (body: PersonCreateBody): Promise<PersonListItem[]> => {
    const birth = checkIdNumber(body.idNumber);
    try {
      const page = await api.get<Page<PersonListItem>>('/persons', { query: { q: body.name, limit: 50 } });
      return page.items.filter((p) => birth.ok && p.birthDate === birth.birthDate);
    } catch {
      return [];
    }
  };

  const update = async (p: PersonOut, v: Values) => {
    setSummary(NO_ERRORS);
    setNothingChanged(false);
    const body: PersonPatchBody = {};
    const name = v.name.trim();
    if (name !== p.name) body.name = name;
    if (v.clearPhone) body.phone = null;
    else if (v.phone?.trim()) body.phone = tidyPhone(v.phone);
    if (v.clearAddress) body.address = null;
    else if (v.address?.trim()) body.address = v.address.trim();
    if ((v.communityId ?? null) !== p.communityId || v.streetCode !== p.streetCode) {
      if (v.streetCode) body.streetCode = v.streetCode;
      if (v.communityId) body.communityId = v.communityId;
    }
    for (const k of ['hukou', 'livingStatus', 'lowIncome', 'employment', 'education'] as const) {
      if (v[k] !== p[k]) (body as Record<string, unknown>)[k] = v[k];
    }
    if (Boolean(v.ownsMotorisedWheelchair) !== p.ownsMotorisedWheelchair)
      body.ownsMotorisedWheelchair = Boolean(v.ownsMotorisedWheelchair);
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
    const id = checkIdNumber(v.idNumber ?? '');
    const cert = v.certNumber?.trim() ? checkCertificate(v.certNumber) : null;
    const body: PersonCreateBody = {
      name: v.name.trim(),
      idNumber: id.ok ? id.idNumber : (v.idNumber ?? '').trim(),
      hukou: v.hukou,
      livingStatus: v.livingStatus,
      lowIncome: v.lowIncome,
      employment: v.employment,
      education: v.education,
      ownsMotorisedWheelchair: Boolean(v.ownsMotorisedWheelchair),
      ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      ...(v.streetCode ? { streetCode: v.streetCode } : {}),
      ...(v.communityId ? { communityId: v.communityId } : {}),
      ...(cert?.ok && v.certIssuedAt
        ? {
            certificate: {
              number: cert.number,
              issuedAt: v.certIssuedAt,
              ...(cert.category === 7 ? { disabilities: disabilitiesBody(v.disabilities) } : {}),
            },
          }
        : {}),
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    };
    void create(body);
  };

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('errors.required', { field }),
  });
  const phoneRule = {
    validator: (_r: unknown, v: unknown) =>
      !v || PHONE_RE.test(tidyPhone(v))
        ? Promise.resolve()
        : Promise.reject(new Error(t('personForm.phoneFormat'))),
  };

  const certWrongPerson = Boolean(certCheck?.ok && idCheck.ok && certCheck.idNumber !== idCheck.idNumber);

  const selectOptions = <T extends string>(values: readonly T[], ns: string) =>
    values.map((v) => ({ value: v, label: t(`registry.${ns}.${v}` as 'registry.hukou.shanghai') }));

  const scopeStreets: readonly StreetOut[] | undefined = areas;

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      {stale && (
        <div className="notice notice-warning">
          <p>{t('personForm.stale')}</p>
          <Button onClick={onReload}>{t('common.reload')}</Button>
        </div>
      )}
      {nothingChanged && (
        <p className="notice" role="status">
          {t('personForm.noChanges')}
        </p>
      )}
      {duplicates && (
        <DuplicateWarning
          candidates={duplicates}
          areas={areas}
          busy={busy}
          onConfirm={() => {
            const body = pending.current;
            setDuplicates(null);
            if (body) void create({ ...body, confirmNotDuplicate: true });
          }}
          onBack={() => {
            setDuplicates(null);
            focusField(fieldId(FORM, 'name'));
          }}
        />
      )}
      <Form<Values>
        form={form}
        name={FORM}
        layout="vertical"
        requiredMark={false}
        className="person-form"
        initialValues={initialValues}
        onFinish={submit}
        onFinishFailed={(info) => setSummary({ items: summaryFromValidation(FORM, info as ValidationInfo) })}
        onValuesChange={() => setNothingChanged(false)}
      >
        <h2>{t('personForm.basic')}</h2>
        <Form.Item name="name" label={t('personForm.name')} rules={[required(t('personForm.name'))]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>

        {editing ? (
          <dl className="facts derived">
            <dt>{t('personForm.idNumber')}</dt>
            <dd>
              {person.idNumber}
              <span className="muted"> {t('personForm.idNumberFixed')}</span>
            </dd>
            <dt>{t('personForm.gender')}</dt>
            <dd>{genderName(t, person.gender)}</dd>
            <dt>{t('personForm.birthDate')}</dt>
            <dd>{t('personForm.birthValue', { date: person.birthDate, age: person.age })}</dd>
          </dl>
        ) : (
          <>
            <Form.Item
              name="idNumber"
              label={t('personForm.idNumber')}
              extra={t('personForm.idNumberHelp')}
              validateTrigger={['onBlur']}
              rules={[
                required(t('personForm.idNumber')),
                {
                  validator: (_r, v: unknown) => {
                    if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
                    const c = checkIdNumber(v);
                    return c.ok
                      ? Promise.resolve()
                      : Promise.reject(new Error(t(`registry.idProblem.${c.problem}`)));
                  },
                },
              ]}
            >
              <Input
                autoComplete="off"
                spellCheck={false}
                inputMode="text"
                maxLength={24}
                className="mono-input"
                onChange={(e) => {
                  // Checked as typed once all 18 characters are there (not while still typing).
                  if (e.target.value.replace(/\s/g, '').length >= 18)
                    void form.validateFields(['idNumber']).catch(() => undefined);
                }}
              />
            </Form.Item>
            <dl className="facts derived" aria-live="polite">
              <dt>{t('personForm.gender')}</dt>
              <dd>{idCheck.ok ? genderName(t, idCheck.gender) : t('personForm.fromId')}</dd>
              <dt>{t('personForm.birthDate')}</dt>
              <dd>
                {idCheck.ok
                  ? t('personForm.birthValue', { date: idCheck.birthDate, age: ageFrom(idCheck.birthDate) })
                  : t('personForm.fromId')}
              </dd>
            </dl>
          </>
        )}

        <h2>{t('personForm.contact')}</h2>
        <Form.Item
          name="phone"
          label={t('personForm.phone')}
          extra={
            editing && person.phone
              ? t('personForm.keepHelp', { value: person.phone })
              : t('personForm.phoneHelp')
          }
          rules={[phoneRule]}
        >
          <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        {editing && person.phone && (
          <Form.Item name="clearPhone" valuePropName="checked">
            <Checkbox>{t('personForm.clearPhone')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="address"
          label={t('personForm.address')}
          extra={editing && person.address ? t('personForm.keepHelp', { value: person.address }) : undefined}
        >
          <Input autoComplete="off" maxLength={300} />
        </Form.Item>
        {editing && person.address && (
          <Form.Item name="clearAddress" valuePropName="checked">
            <Checkbox>{t('personForm.clearAddress')}</Checkbox>
          </Form.Item>
        )}

        <h2>{t('personForm.area')}</h2>
        <Form.Item
          name="streetCode"
          label={t('personForm.street')}
          dependencies={['communityId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_r, v: unknown) =>
                v || getFieldValue('communityId')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('personForm.chooseStreet'))),
            }),
          ]}
        >
          <SearchSelect
            options={streetOptions(lang, scopeStreets)}
            allowClear={false}
            onChange={() => form.setFieldValue('communityId', undefined)}
          />
        </Form.Item>
        <Form.Item name="communityId" label={t('personForm.community')} extra={t('personForm.communityHelp')}>
          <SearchSelect
            options={communityOptions(streetCode, scopeStreets)}
            placeholder={t('personForm.noCommunity')}
          />
        </Form.Item>
        {editing && (
          <p className="muted">
            {t('personForm.currentArea', {
              area: [streetName(lang, person.streetCode, areas), communityName(person.communityId, areas)]
                .filter(Boolean)
                .join(' / '),
            })}
          </p>
        )}

        <h2>{t('personForm.situation')}</h2>
        <fieldset className="fieldset">
          <legend>{t('personForm.hukou')}</legend>
          <Form.Item name="hukou" style={{ marginBottom: 8 }}>
            <Radio.Group options={selectOptions(HUKOU, 'hukou')} />
          </Form.Item>
        </fieldset>
        <div className="form-grid">
          <Form.Item name="livingStatus" label={t('personForm.livingStatus')}>
            <SearchSelect options={selectOptions(LIVING_STATUS, 'livingStatus')} allowClear={false} />
          </Form.Item>
          <Form.Item name="lowIncome" label={t('personForm.lowIncome')}>
            <SearchSelect options={selectOptions(LOW_INCOME, 'lowIncome')} allowClear={false} />
          </Form.Item>
          <Form.Item name="employment" label={t('personForm.employment')}>
            <SearchSelect options={selectOptions(EMPLOYMENT, 'employment')} allowClear={false} />
          </Form.Item>
          <Form.Item name="education" label={t('personForm.education')}>
            <SearchSelect options={selectOptions(EDUCATION, 'education')} allowClear={false} />
          </Form.Item>
        </div>
        <Form.Item name="ownsMotorisedWheelchair" valuePropName="checked">
          <Checkbox>{t('personForm.wheelchair')}</Checkbox>
        </Form.Item>

        {!editing && (
          <>
            <h2>{t('personForm.certificate')}</h2>
            <p className="help-text">{t('personForm.certificateIntro')}</p>
            <Form.Item
              name="certNumber"
              label={t('personForm.certNumber')}
              extra={t('personForm.certNumberHelp')}
              validateTrigger={['onBlur']}
              dependencies={['idNumber']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: unknown) => {
                    if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
                    const c = checkCertificate(v);
                    if (!c.ok) return Promise.reject(new Error(t(`registry.certProblem.${c.problem}`)));
                    const id = checkIdNumber(String(getFieldValue('idNumber') ?? ''));
                    if (id.ok && id.idNumber !== c.idNumber)
                      return Promise.reject(new Error(t('registry.certProblem.notMatching')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <Input
                autoComplete="off"
                spellCheck={false}
                maxLength={26}
                className="mono-input"
                onChange={(e) => {
                  if (e.target.value.replace(/\s/g, '').length >= 20)
                    void form.validateFields(['certNumber']).catch(() => undefined);
                }}
              />
            </Form.Item>
            <p className="derived-line" aria-live="polite">
              {certCheck?.ok && !certWrongPerson
                ? t('personForm.certRead', {
                    category: categoryName(t, certCheck.category),
                    grade: gradeName(t, certCheck.grade),
                  })
                : ''}
            </p>
            <Form.Item
              name="certIssuedAt"
              label={t('personForm.certIssuedAt')}
              dependencies={['certNumber']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: unknown) => {
                    const has = String(getFieldValue('certNumber') ?? '').trim();
                    if (!v)
                      return has
                        ? Promise.reject(new Error(t('personForm.certIssuedAtRequired')))
                        : Promise.resolve();
                    return String(v) > today()
                      ? Promise.reject(new Error(t('personForm.certIssuedAtFuture')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <Input type="date" max={today()} style={{ maxWidth: '14rem' }} />
            </Form.Item>
            {certCheck?.ok && certCheck.category === 7 && !certWrongPerson && (
              <DisabilitiesField formName={FORM} certGrade={certCheck.grade} />
            )}
          </>
        )}

        <h2>{t('personForm.note')}</h2>
        <Form.Item
          name="reason"
          label={editing ? t('personForm.reason') : t('personForm.createReason')}
          extra={editing ? t('personForm.reasonHelp') : t('personForm.createReasonHelp')}
          rules={editing ? [required(t('personForm.reason'))] : []}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>

        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {busy ? t('common.saving') : editing ? t('personForm.submitEdit') : t('personForm.submitCreate')}
          </Button>
          <Link to={editing ? `/persons/${person.id}` : '/persons'} className="button-link">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}

function DuplicateWarning({
  candidates,
  areas,
  busy,
  onConfirm,
  onBack,
}: {
  candidates: PersonListItem[];
  areas: readonly StreetOut[] | undefined;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // Takes focus when it appears, like the error summary.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      className="error-summary duplicate-warning"
      role="alert"
      tabIndex={-1}
      aria-labelledby="dup-title"
    >
      <h2 id="dup-title" className="error-summary-title">
        {t('personForm.dupTitle')}
      </h2>
      <p>{t('personForm.dupBody')}</p>
      {candidates.length > 0 && (
        <>
          <p>{t('personForm.dupCandidates')}</p>
          <ul>
            {candidates.map((c) => (
              <li key={c.id}>
                {t('personForm.dupCandidate', {
                  name: c.name,
                  id: c.idNumber,
                  birthDate: c.birthDate,
                  area: [streetName(i18n.language, c.streetCode, areas), communityName(c.communityId, areas)]
                    .filter(Boolean)
                    .join(' / '),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="toolbar">
        <Button type="primary" onClick={onConfirm} loading={busy}>
          {t('personForm.dupConfirm')}
        </Button>
        <Button onClick={onBack}>{t('personForm.dupBack')}</Button>
      </div>
    </div>
  );
}
