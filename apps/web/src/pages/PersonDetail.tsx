import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button, Checkbox, Form, Input, Radio } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { BenefitsSection } from '../components/BenefitsSection';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { SearchSelect } from '../components/fields';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SideDrawer, useOpener } from '../components/SideDrawer';
import { TableScroll } from '../components/TableScroll';
import {
  applyProblem,
  PHONE_RE,
  summaryFromValidation,
  tidyPhone,
  type ProblemSummary,
  type ValidationInfo,
} from '../forms';
import { communityName, formatTime, streetName } from '../labels';
import { useAreas, usePerson } from '../queries';
import {
  categoryName,
  checkCertificate,
  disabilityText,
  genderName,
  gradeName,
  GUARDIAN_RELATIONS,
  HOUSEHOLD_ROLES,
} from '../registry';
import { useMe } from '../session';
import type {
  Certificate,
  DuplicateCandidate,
  Guardian,
  GuardianInput,
  HistoryEntry,
  Household,
  HouseholdRole,
  Permission,
  PersonOut,
  Revealed,
  StreetOut,
  UserOut,
} from '../types';

const NO_ERRORS: ProblemSummary = { items: [] };

type Panel =
  | { kind: 'reveal' }
  | { kind: 'certificate' }
  | { kind: 'guardian' }
  | { kind: 'remove-guardian'; guardian: Guardian }
  | { kind: 'household' }
  | { kind: 'merge'; into: DuplicateCandidate };

export default function PersonDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const person = usePerson(id);
  const [notice, setNotice] = useState<string | null>(
    () => (location.state as { notice?: string } | null)?.notice ?? null,
  );

  if (person.isPending)
    return (
      <>
        <PageTitle title={t('personDetail.loading')} />
        <Loading />
      </>
    );
  if (person.error)
    return (
      <>
        <PageTitle title={t('personDetail.notFound')} />
        <ErrorSummary
          items={[{ message: isApiError(person.error) ? person.error.detail : t('errors.network') }]}
        />
        <p>
          <Link to="/persons">{t('personDetail.back')}</Link>
        </p>
      </>
    );
  return <Detail key={person.data.id} person={person.data} notice={notice} setNotice={setNotice} />;
}

function Detail({
  person,
  notice,
  setNotice,
}: {
  person: PersonOut;
  notice: string | null;
  setNotice: (s: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const can = (p: Permission) => Boolean(me?.permissions.includes(p));
  const areas = useAreas(can('areas.read')).data?.items;
  const panel = useOpener<Panel>();
  const revealButton = useRef<HTMLButtonElement>(null);
  const id = person.id;

  const certificates = useQuery({
    queryKey: ['person', id, 'certificates'],
    queryFn: ({ signal }) => api.get<{ items: Certificate[] }>(`/persons/${id}/certificates`, { signal }),
  });
  const guardians = useQuery({
    queryKey: ['person', id, 'guardians'],
    queryFn: ({ signal }) => api.get<{ items: Guardian[] }>(`/persons/${id}/guardians`, { signal }),
  });
  const household = useQuery({
    queryKey: ['household', person.householdId],
    queryFn: ({ signal }) => api.get<Household>(`/households/${person.householdId}`, { signal }),
    enabled: Boolean(person.householdId),
  });
  const history = useQuery({
    queryKey: ['person', id, 'history'],
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/persons/${id}/history`, { signal }),
  });
  const duplicates = useQuery({
    queryKey: ['person', id, 'duplicates'],
    queryFn: ({ signal }) =>
      api.get<{ items: DuplicateCandidate[] }>(`/persons/${id}/duplicates`, { signal }),
    enabled: !person.mergedInto,
  });

  /** After a change: say so, and fetch the person and its parts again. */
  const changed = async (message: string) => {
    panel.close();
    setNotice(message);
    announce(message);
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['person', id] }),
      qc.invalidateQueries({ queryKey: ['persons'] }),
      qc.invalidateQueries({ queryKey: ['household'] }),
    ]);
  };

  const area = [streetName(lang, person.streetCode, areas), communityName(person.communityId, areas)]
    .filter(Boolean)
    .join(' / ');
  const empty = <span className="muted">{t('personDetail.empty')}</span>;

  return (
    <>
      <PageTitle title={person.name} />
      <p className="lead">
        {[
          genderName(t, person.gender),
          t('persons.ageValue', { count: person.age }),
          disabilityText(t, person.category, person.grade),
          area,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {notice && <p className="notice notice-success">{notice}</p>}
      {person.mergedInto && (
        <p className="notice notice-warning">
          {t('personDetail.mergedNotice')}{' '}
          <Link to={`/persons/${person.mergedInto}`}>{t('personDetail.mergedLink')}</Link>
        </p>
      )}

      <div className="toolbar">
        {can('persons.write') && !person.mergedInto && (
          <Link to={`/persons/${id}/edit`} className="button-link button-link-primary">
            {t('personDetail.edit')}
          </Link>
        )}
        {can('persons.reveal') && (
          <Button ref={revealButton} className="wrap-button" onClick={() => panel.open({ kind: 'reveal' })}>
            {t('personDetail.reveal')}
          </Button>
        )}
        <Link to="/persons" className="button-link">
          {t('personDetail.back')}
        </Link>
      </div>

      <section aria-labelledby="sec-basic">
        <h2 id="sec-basic">{t('personDetail.basic')}</h2>
        <p className="help-text">{t('personDetail.maskedNote')}</p>
        <dl className="facts">
          <dt>{t('personDetail.idNumber')}</dt>
          <dd>{person.idNumber}</dd>
          <dt>{t('personDetail.gender')}</dt>
          <dd>{genderName(t, person.gender)}</dd>
          <dt>{t('personDetail.birthDate')}</dt>
          <dd>{t('personForm.birthValue', { date: person.birthDate, age: person.age })}</dd>
          <dt>{t('personDetail.phone')}</dt>
          <dd>{person.phone ?? empty}</dd>
          <dt>{t('personDetail.address')}</dt>
          <dd>{person.address ?? empty}</dd>
          <dt>{t('personDetail.street')}</dt>
          <dd>{streetName(lang, person.streetCode, areas)}</dd>
          <dt>{t('personDetail.community')}</dt>
          <dd>{communityName(person.communityId, areas) ?? empty}</dd>
          <dt>{t('personDetail.hukou')}</dt>
          <dd>{t(`registry.hukou.${person.hukou}`)}</dd>
          <dt>{t('personDetail.livingStatus')}</dt>
          <dd>{t(`registry.livingStatus.${person.livingStatus}`)}</dd>
          <dt>{t('personDetail.lowIncome')}</dt>
          <dd>{t(`registry.lowIncome.${person.lowIncome}`)}</dd>
          <dt>{t('personDetail.employment')}</dt>
          <dd>{t(`registry.employment.${person.employment}`)}</dd>
          <dt>{t('personDetail.education')}</dt>
          <dd>{t(`registry.education.${person.education}`)}</dd>
          <dt>{t('personDetail.wheelchair')}</dt>
          <dd>{person.ownsMotorisedWheelchair ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('personDetail.disability')}</dt>
          <dd>{disabilityText(t, person.category, person.grade)}</dd>
          <dt>{t('personDetail.createdAt')}</dt>
          <dd>{formatTime(person.createdAt, lang)}</dd>
          <dt>{t('personDetail.updatedAt')}</dt>
          <dd>{formatTime(person.updatedAt, lang)}</dd>
        </dl>
      </section>

      <section aria-labelledby="sec-certs">
        <h2 id="sec-certs">{t('personDetail.certificates')}</h2>
        <Part query={certificates}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('personDetail.noCerts')}</p>
            ) : (
              <TableScroll label={t('personDetail.certificates')}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('personDetail.certNumber')}</th>
                      <th scope="col">{t('personDetail.certCategory')}</th>
                      <th scope="col">{t('personDetail.certGrade')}</th>
                      <th scope="col">{t('personDetail.certIssuedAt')}</th>
                      <th scope="col">{t('common.status')}</th>
                      <th scope="col">{t('personDetail.certReason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((c) => (
                      <tr key={c.id} className={c.status === 'active' ? undefined : 'row-old'}>
                        <td className="nowrap">{c.number}</td>
                        <td>
                          {categoryName(t, c.category)}
                          {c.disabilities.length > 0 &&
                            ` (${c.disabilities.map((d) => disabilityText(t, d.category, d.grade)).join(lang === 'en' ? ', ' : '、')})`}
                        </td>
                        <td>{gradeName(t, c.grade)}</td>
                        <td className="nowrap">{c.issuedAt}</td>
                        <td>
                          <span className={c.status === 'active' ? 'tag tag-ok' : 'tag'}>
                            {t(`registry.certStatus.${c.status}`)}
                          </span>
                        </td>
                        <td>{c.reason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )
          }
        </Part>
        {can('persons.write') && !person.mergedInto && (
          <Button className="wrap-button" onClick={() => panel.open({ kind: 'certificate' })}>
            {t('personDetail.addCert')}
          </Button>
        )}
      </section>

      <section aria-labelledby="sec-guardians">
        <h2 id="sec-guardians">{t('personDetail.guardians')}</h2>
        <Part query={guardians}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('personDetail.noGuardians')}</p>
            ) : (
              <TableScroll label={t('personDetail.guardians')}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('personDetail.guardianName')}</th>
                      <th scope="col">{t('personDetail.relationship')}</th>
                      <th scope="col">{t('personDetail.phone')}</th>
                      <th scope="col">{t('personDetail.primary')}</th>
                      {can('persons.write') && <th scope="col">{t('common.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((g) => (
                      <tr key={g.id}>
                        <th scope="row">{g.name}</th>
                        <td>{t(`registry.relation.${g.relationship}`)}</td>
                        <td className="nowrap">{g.phone ?? ''}</td>
                        <td>{g.isPrimary ? t('common.yes') : t('common.no')}</td>
                        {can('persons.write') && (
                          <td>
                            <Button
                              size="small"
                              danger
                              aria-label={t('personDetail.removeFor', { name: g.name })}
                              onClick={() => panel.open({ kind: 'remove-guardian', guardian: g })}
                            >
                              {t('personDetail.remove')}
                            </Button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )
          }
        </Part>
        {can('persons.write') && !person.mergedInto && (
          <Button id="add-guardian" className="wrap-button" onClick={() => panel.open({ kind: 'guardian' })}>
            {t('personDetail.addGuardian')}
          </Button>
        )}
      </section>

      <section aria-labelledby="sec-household">
        <h2 id="sec-household">{t('personDetail.household')}</h2>
        {!person.householdId ? (
          <p>{t('personDetail.noHousehold')}</p>
        ) : (
          <Part query={household}>
            {(h) => (
              <>
                <dl className="facts">
                  <dt>{t('personDetail.householdId')}</dt>
                  <dd className="mono">{h.id}</dd>
                </dl>
                <h3>{t('personDetail.members')}</h3>
                <ul>
                  {h.members.map((m) => (
                    <li key={m.id}>
                      {m.id === id ? (
                        <>
                          {m.name} {t('personDetail.self')}
                        </>
                      ) : (
                        <Link to={`/persons/${m.id}`}>{m.name}</Link>
                      )}
                      {m.role &&
                        ` · ${t(`registry.householdRole.${m.role as HouseholdRole}`, { defaultValue: m.role })}`}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Part>
        )}
        {can('persons.write') && !person.mergedInto && (
          <Button className="wrap-button" onClick={() => panel.open({ kind: 'household' })}>
            {person.householdId ? t('personDetail.changeHousehold') : t('personDetail.linkHousehold')}
          </Button>
        )}
      </section>

      <BenefitsSection personId={id} />

      <section aria-labelledby="sec-services">
        <h2 id="sec-services">{t('personDetail.services')}</h2>
        <p>{t('personDetail.servicesEmpty')}</p>
      </section>

      {!person.mergedInto && (
        <section aria-labelledby="sec-duplicates">
          <h2 id="sec-duplicates">{t('personDetail.duplicates')}</h2>
          <Part query={duplicates}>
            {(data) =>
              data.items.length === 0 ? (
                <p>{t('personDetail.noDuplicates')}</p>
              ) : (
                <TableScroll label={t('personDetail.duplicates')}>
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('persons.name')}</th>
                        <th scope="col">{t('personDetail.birthDate')}</th>
                        <th scope="col">{t('personDetail.street')}</th>
                        <th scope="col">{t('personDetail.dupReasonCol')}</th>
                        {can('persons.merge') && <th scope="col">{t('common.actions')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((d) => (
                        <tr key={d.id}>
                          <th scope="row">
                            <Link to={`/persons/${d.id}`}>{d.name}</Link>
                          </th>
                          <td className="nowrap">{d.birthDate}</td>
                          <td>{streetName(lang, d.streetCode, areas)}</td>
                          <td>{t(`personDetail.dupReason.${d.reason}`)}</td>
                          {can('persons.merge') && (
                            <td>
                              <Button
                                size="small"
                                aria-label={t('personDetail.mergeFor', { name: d.name })}
                                onClick={() => panel.open({ kind: 'merge', into: d })}
                              >
                                {t('personDetail.merge')}
                              </Button>
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )
            }
          </Part>
        </section>
      )}

      <section aria-labelledby="sec-history">
        <h2 id="sec-history">{t('personDetail.history')}</h2>
        <Part query={history}>
          {(data) => (
            <HistoryTable items={data.items} areas={areas} guardians={guardians.data?.items ?? []} />
          )}
        </Part>
      </section>

      <RevealDialog
        open={panel.state?.kind === 'reveal'}
        person={person}
        guardians={guardians.data?.items ?? []}
        onClose={panel.close}
        returnFocus={revealButton}
      />

      <SideDrawer
        open={panel.state?.kind === 'certificate'}
        title={t('personDetail.addCertTitle', { name: person.name })}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        <CertificateForm
          person={person}
          onCancel={panel.close}
          onDone={() => void changed(t('personDetail.certAdded'))}
        />
      </SideDrawer>

      <SideDrawer
        open={panel.state?.kind === 'guardian'}
        title={t('personDetail.addGuardianTitle', { name: person.name })}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        <GuardianForm
          personId={id}
          onCancel={panel.close}
          onDone={(name) => void changed(t('personDetail.guardianAdded', { name }))}
        />
      </SideDrawer>

      <SideDrawer
        open={panel.state?.kind === 'household'}
        title={t('personDetail.householdTitle', { name: person.name })}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        <HouseholdForm
          person={person}
          onCancel={panel.close}
          onDone={() => void changed(t('personDetail.householdLinked'))}
        />
      </SideDrawer>

      <Dialog
        open={panel.state?.kind === 'remove-guardian'}
        title={t('personDetail.removeTitle')}
        onClose={panel.close}
        returnFocus={panel.trigger}
        initialFocus="remove-guardian-cancel"
      >
        {panel.state?.kind === 'remove-guardian' && (
          <RemoveGuardian
            personId={id}
            guardian={panel.state.guardian}
            onCancel={panel.close}
            onDone={(name) => {
              // The button that opened the dialog goes with its row: focus goes to "add a guardian".
              panel.returnTo(document.getElementById('add-guardian'));
              void changed(t('personDetail.guardianRemoved', { name }));
            }}
          />
        )}
      </Dialog>

      <Dialog
        open={panel.state?.kind === 'merge'}
        title={t('personDetail.mergeTitle')}
        onClose={panel.close}
        returnFocus={panel.trigger}
        initialFocus="merge_reason"
      >
        {panel.state?.kind === 'merge' && (
          <MergeForm
            person={person}
            into={panel.state.into}
            onCancel={panel.close}
            onDone={async (into) => {
              panel.close();
              await qc.invalidateQueries({ queryKey: ['persons'] });
              await qc.invalidateQueries({ queryKey: ['person'] });
              await navigate(`/persons/${into.id}`, {
                state: { notice: t('personDetail.merged', { from: person.name, name: into.name }) },
              });
            }}
          />
        )}
      </Dialog>
    </>
  );
}

/** A part of the page with its own request: loading, error, or its content. */
function Part<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error)
    return (
      <p className="notice notice-warning">
        {isApiError(query.error) ? query.error.detail : t('errors.network')}
      </p>
    );
  if (query.isPending || query.data === undefined) return <p className="muted">{t('app.loading')}</p>;
  return <>{children(query.data)}</>;
}

// ---------- Change history ----------

const FIELD_KEYS = [
  'name',
  'hukou',
  'livingStatus',
  'lowIncome',
  'employment',
  'education',
  'ownsMotorisedWheelchair',
  'streetCode',
  'communityId',
  'phone',
  'address',
  'category',
  'grade',
  'guardian',
  'householdId',
  'householdRole',
  'mergedFrom',
  'mergedInto',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
const ACTION_KEYS = [
  'create',
  'update',
  'certificate.add',
  'guardian.add',
  'guardian.remove',
  'household.link',
  'merge.into',
  'merge.from',
  'import',
] as const;
type ActionKey = (typeof ACTION_KEYS)[number];

function isOneOf<T extends string>(list: readonly T[], v: string): v is T {
  return (list as readonly string[]).includes(v);
}

/** One value of a change, in words. */
function valueText(
  t: TFunction,
  lang: string,
  field: string,
  v: unknown,
  areas: readonly StreetOut[] | undefined,
  guardians: readonly Guardian[],
): string {
  if (v === null || v === undefined || v === '') return t('personDetail.valueEmpty');
  switch (field) {
    case 'phone':
    case 'address':
      return v === 'set' ? t('personDetail.valueSet') : String(v);
    case 'hukou':
    case 'livingStatus':
    case 'lowIncome':
    case 'employment':
    case 'education':
      return t(`registry.${field}.${String(v)}` as 'registry.hukou.shanghai', { defaultValue: String(v) });
    case 'ownsMotorisedWheelchair':
      return v ? t('common.yes') : t('common.no');
    case 'streetCode':
      return streetName(lang, String(v), areas);
    case 'communityId':
      return communityName(String(v), areas) ?? t('personDetail.valueOther');
    case 'category':
      return categoryName(t, Number(v));
    case 'grade':
      return gradeName(t, Number(v));
    case 'householdRole':
      return t(`registry.householdRole.${String(v)}` as 'registry.householdRole.head', {
        defaultValue: String(v),
      });
    case 'householdId':
      return t('personDetail.valueHousehold');
    case 'guardian': {
      const g = v as { id?: string; relationship?: string };
      const known = guardians.find((x) => x.id === g.id);
      const rel = g.relationship
        ? t(`registry.relation.${g.relationship}` as 'registry.relation.parent', {
            defaultValue: g.relationship,
          })
        : '';
      return [known?.name, rel].filter(Boolean).join(' · ') || t('personDetail.valueGuardian');
    }
    case 'mergedFrom':
    case 'mergedInto':
      return t('personDetail.valueRecord');
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function HistoryTable({
  items,
  areas,
  guardians,
}: {
  items: HistoryEntry[];
  areas: readonly StreetOut[] | undefined;
  guardians: readonly Guardian[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data: me } = useMe(false);
  // Who did it: "me", or the user's name when this account may read users.
  const canReadUsers = Boolean(me?.permissions.includes('users.read'));
  const actorIds = [
    ...new Set(items.map((h) => h.actorId).filter((a): a is string => Boolean(a) && a !== me?.id)),
  ];
  const users = useQueries({
    queries: actorIds.map((uid) => ({
      queryKey: ['user', uid],
      queryFn: () => api.get<UserOut>(`/users/${uid}`, { quiet: true }),
      enabled: canReadUsers,
      retry: false,
      staleTime: 10 * 60_000,
    })),
  });
  const nameOf = (actorId: string | null): string => {
    if (!actorId) return t('personDetail.system');
    if (actorId === me?.id) return t('personDetail.you', { name: me.displayName });
    const u = users[actorIds.indexOf(actorId)]?.data;
    return u ? u.displayName || u.username : t('personDetail.otherUser');
  };

  if (items.length === 0) return <p>{t('personDetail.noHistory')}</p>;
  return (
    <TableScroll label={t('personDetail.history')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('personDetail.at')}</th>
            <th scope="col">{t('personDetail.actor')}</th>
            <th scope="col">{t('personDetail.action')}</th>
            <th scope="col">{t('personDetail.changes')}</th>
            <th scope="col">{t('personDetail.reasonCol')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => {
            // A value recorded as unchanged (e.g. the category when only the grade changed) is left out.
            const changes = Object.entries(h.changes).filter(
              ([, c]) => JSON.stringify(c.from) !== JSON.stringify(c.to) || c.from === 'set',
            );
            return (
              <tr key={h.id}>
                <td className="nowrap">{formatTime(h.at, lang)}</td>
                <td>{nameOf(h.actorId)}</td>
                <td>
                  {isOneOf<ActionKey>(ACTION_KEYS, h.action)
                    ? t(`personDetail.actions.${h.action.replace('.', '_') as 'create'}`)
                    : h.action}
                </td>
                <td>
                  {changes.length === 0 ? (
                    ''
                  ) : (
                    <ul className="change-list">
                      {changes.map(([field, c]) => (
                        <li key={field}>
                          {(field === 'phone' || field === 'address') && c.from === 'set' && c.to === 'set'
                            ? t('personDetail.changedHidden', { field: t(`personDetail.fields.${field}`) })
                            : t('personDetail.change', {
                                field: isOneOf<FieldKey>(FIELD_KEYS, field)
                                  ? t(`personDetail.fields.${field}`)
                                  : field,
                                from: valueText(t, lang, field, c.from, areas, guardians),
                                to: valueText(t, lang, field, c.to, areas, guardians),
                              })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{h.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

// ---------- Reveal ----------

function RevealDialog({
  open,
  person,
  guardians,
  onClose,
  returnFocus,
}: {
  open: boolean;
  person: PersonOut;
  guardians: readonly Guardian[];
  onClose: () => void;
  returnFocus: React.RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('personDetail.revealTitle', { name: person.name })}
      onClose={onClose}
      returnFocus={returnFocus}
      initialFocus="reveal_reason"
    >
      {/* Unmounted when the dialog closes (destroyOnHidden): the clear values go with it. */}
      <RevealForm person={person} guardians={guardians} onClose={onClose} />
    </Dialog>
  );
}

function RevealForm({
  person,
  guardians,
  onClose,
}: {
  person: PersonOut;
  guardians: readonly Guardian[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [clear, setClear] = useState<Revealed | null>(null);
  const shown = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (clear) shown.current?.focus();
  }, [clear]);

  const submit = async (v: { reason: string }) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      setClear(await api.post<Revealed>(`/persons/${person.id}/reveal`, { reason: v.reason.trim() }));
    } catch (e) {
      setSummary(applyProblem(form, 'reveal', e, ['reason'], t));
    } finally {
      setBusy(false);
    }
  };

  if (clear) {
    const none = <span className="muted">{t('personDetail.empty')}</span>;
    return (
      <>
        <h3 ref={shown} tabIndex={-1} className="dialog-heading">
          {t('personDetail.revealedTitle')}
        </h3>
        <dl className="facts revealed">
          <dt>{t('personDetail.idNumber')}</dt>
          <dd className="mono">{clear.idNumber}</dd>
          <dt>{t('personDetail.certNumber')}</dt>
          <dd className="mono">{clear.certificateNumber ?? none}</dd>
          <dt>{t('personDetail.phone')}</dt>
          <dd className="mono">{clear.phone ?? none}</dd>
          <dt>{t('personDetail.address')}</dt>
          <dd>{clear.address ?? none}</dd>
          {clear.guardians.map((g) => (
            <RevealedGuardian key={g.id} name={guardians.find((x) => x.id === g.id)?.name} phone={g.phone} />
          ))}
        </dl>
        <p className="help-text">{t('personDetail.revealHideNote')}</p>
        <div className="toolbar">
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        </div>
      </>
    );
  }

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.revealIntro')}</p>
      <Form
        form={form}
        name="reveal"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('reveal', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('personDetail.revealReason')}
          extra={t('persons.reasonHelp')}
          rules={reasonRules(t, t('personDetail.revealReason'))}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('personDetail.revealSubmit')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

function RevealedGuardian({ name, phone }: { name: string | undefined; phone: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('personDetail.guardianPhone', { name: name ?? t('personDetail.guardian') })}</dt>
      <dd className="mono">{phone ?? <span className="muted">{t('personDetail.empty')}</span>}</dd>
    </>
  );
}

/** A reason of at least 4 characters (reveal, merge, export). */
function reasonRules(t: TFunction, field: string) {
  return [
    { required: true, whitespace: true, message: t('errors.required', { field }) },
    {
      validator: (_r: unknown, v: unknown) =>
        typeof v !== 'string' || !v.trim() || [...v.trim()].length >= 4
          ? Promise.resolve()
          : Promise.reject(new Error(t('persons.reasonTooShort'))),
    },
  ];
}

// ---------- Certificate (re-assessment) ----------

interface CertValues {
  number: string;
  issuedAt: string;
  reason?: string;
}

function CertificateForm({
  person,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CertValues>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const number = Form.useWatch('number', form) ?? '';
  const parsed = number.trim() ? checkCertificate(number) : null;
  const formName = 'certificate';

  const submit = async (v: CertValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const c = checkCertificate(v.number);
      await api.post(`/persons/${person.id}/certificates`, {
        number: c.ok ? c.number : v.number.trim(),
        issuedAt: v.issuedAt,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['number', 'issuedAt', 'reason'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.addCertIntro')}</p>
      <Form<CertValues>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="number"
          label={t('personForm.certNumber')}
          extra={t('personDetail.certNumberHelp', { id: person.idNumber })}
          validateTrigger={['onBlur']}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('errors.required', { field: t('personForm.certNumber') }),
            },
            {
              validator: (_r, v: unknown) => {
                if (typeof v !== 'string' || !v.trim()) return Promise.resolve();
                const c = checkCertificate(v);
                return c.ok
                  ? Promise.resolve()
                  : Promise.reject(new Error(t(`registry.certProblem.${c.problem}`)));
              },
            },
          ]}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            maxLength={26}
            className="mono-input"
            onChange={(e) => {
              if (e.target.value.replace(/\s/g, '').length >= 20)
                void form.validateFields(['number']).catch(() => undefined);
            }}
          />
        </Form.Item>
        <p className="derived-line" aria-live="polite">
          {parsed?.ok
            ? t('personForm.certRead', {
                category: categoryName(t, parsed.category),
                grade: gradeName(t, parsed.grade),
              })
            : ''}
        </p>
        <Form.Item
          name="issuedAt"
          label={t('personForm.certIssuedAt')}
          rules={[{ required: true, message: t('personForm.certIssuedAtRequired') }]}
        >
          <Input type="date" style={{ maxWidth: '14rem' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('personDetail.certReason')}
          extra={t('personDetail.certReasonHelp')}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

// ---------- Guardians ----------

function GuardianForm({
  personId,
  onCancel,
  onDone,
}: {
  personId: string;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GuardianInput>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formName = 'guardian';

  const submit = async (v: GuardianInput) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      const body: GuardianInput = {
        name: v.name.trim(),
        relationship: v.relationship,
        isPrimary: Boolean(v.isPrimary),
        ...(v.phone?.trim() ? { phone: tidyPhone(v.phone) } : {}),
      };
      await api.post(`/persons/${personId}/guardians`, body);
      onDone(body.name);
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['name', 'relationship', 'phone', 'isPrimary'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<GuardianInput>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{ isPrimary: false }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <Form.Item
          name="name"
          label={t('personDetail.guardianName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('errors.required', { field: t('personDetail.guardianName') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="relationship"
          label={t('personDetail.relationship')}
          rules={[{ required: true, message: t('personDetail.chooseRelationship') }]}
        >
          <SearchSelect
            options={GUARDIAN_RELATIONS.map((r) => ({ value: r, label: t(`registry.relation.${r}`) }))}
            allowClear={false}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('personDetail.phone')}
          extra={t('personForm.phoneHelp')}
          rules={[
            {
              validator: (_r, v: unknown) =>
                !v || PHONE_RE.test(tidyPhone(v))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('personForm.phoneFormat'))),
            },
          ]}
        >
          <Input type="tel" inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('personDetail.isPrimary')}</Checkbox>
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

function RemoveGuardian({
  personId,
  guardian,
  onCancel,
  onDone,
}: {
  personId: string;
  guardian: Guardian;
  onCancel: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setError(null);
    setBusy(true);
    try {
      await api.del(`/persons/${personId}/guardians/${guardian.id}`);
      onDone(guardian.name);
    } catch (e) {
      setError(isApiError(e) ? e.detail : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary items={error ? [{ message: error }] : []} />
      <p>{t('personDetail.removeConfirm', { name: guardian.name })}</p>
      <div className="toolbar">
        <Button danger type="primary" onClick={() => void remove()} loading={busy}>
          {t('personDetail.remove')}
        </Button>
        <Button id="remove-guardian-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}

// ---------- Household ----------

interface HouseholdValues {
  kind: 'new' | 'existing';
  householdId?: string;
  role: HouseholdRole;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function HouseholdForm({
  person,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HouseholdValues>();
  const kind = Form.useWatch('kind', form) ?? 'new';
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const formName = 'household';

  const submit = async (v: HouseholdValues) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      await api.post(`/persons/${person.id}/household`, {
        role: v.role,
        ...(v.kind === 'existing' && v.householdId ? { householdId: v.householdId.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setSummary(applyProblem(form, formName, e, ['householdId', 'role'], t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <Form<HouseholdValues>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'new', role: 'head' }}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation(formName, info as ValidationInfo) })
        }
      >
        <fieldset className="fieldset">
          <legend>{t('personDetail.householdKind')}</legend>
          <Form.Item name="kind" style={{ marginBottom: 8 }}>
            <Radio.Group
              options={[
                { value: 'new', label: t('personDetail.newHousehold') },
                { value: 'existing', label: t('personDetail.existingHousehold') },
              ]}
            />
          </Form.Item>
        </fieldset>
        {kind === 'existing' && (
          <Form.Item
            name="householdId"
            label={t('personDetail.householdId')}
            extra={t('personDetail.householdIdHelp')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('errors.required', { field: t('personDetail.householdId') }),
              },
              {
                validator: (_r, v: unknown) =>
                  typeof v !== 'string' || !v.trim() || UUID_RE.test(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('personDetail.householdIdFormat'))),
              },
            ]}
          >
            <Input autoComplete="off" spellCheck={false} maxLength={40} className="mono-input" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('personDetail.householdRole')}>
          <SearchSelect
            options={HOUSEHOLD_ROLES.map((r) => ({ value: r, label: t(`registry.householdRole.${r}`) }))}
            allowClear={false}
          />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}

// ---------- Merge ----------

function MergeForm({
  person,
  into,
  onCancel,
  onDone,
}: {
  person: PersonOut;
  into: DuplicateCandidate;
  onCancel: () => void;
  onDone: (into: DuplicateCandidate) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [summary, setSummary] = useState<ProblemSummary>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { reason: string }) => {
    setSummary(NO_ERRORS);
    setBusy(true);
    try {
      await api.post(`/persons/${person.id}/merge`, { intoId: into.id, reason: v.reason.trim() });
      await onDone(into);
    } catch (e) {
      setSummary(applyProblem(form, 'merge', e, ['reason'], t));
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary items={summary.items} title={summary.title} />
      <p>{t('personDetail.mergeBody', { from: person.name, into: into.name })}</p>
      <Form
        form={form}
        name="merge"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void submit(v)}
        onFinishFailed={(info) =>
          setSummary({ items: summaryFromValidation('merge', info as ValidationInfo) })
        }
      >
        <Form.Item
          name="reason"
          label={t('personDetail.mergeReason')}
          extra={t('persons.reasonHelp')}
          rules={reasonRules(t, t('personDetail.mergeReason'))}
        >
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <div className="toolbar">
          <Button type="primary" danger htmlType="submit" loading={busy}>
            {t('personDetail.mergeSubmit')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
