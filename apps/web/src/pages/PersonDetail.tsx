import { lazy, Suspense, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api';
import { useAnnounce } from '../announce';
import { BenefitsSection } from '../components/BenefitsSection';
import { Dialog } from '../components/Dialog';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SideDrawer, useOpener } from '../components/SideDrawer';
import { communityName, formatTime, streetName } from '../labels';
import { useAreas, usePerson } from '../queries';
import { disabilityText, genderName } from '../registry';
import { useMe } from '../session';
import { HistoryTable } from './person/History';
import { HouseholdMembers } from './person/HouseholdMembers';
import { MergeForm } from './person/MergeForm';
import { Part } from './person/Part';
import { RemoveGuardian } from './person/RemoveGuardian';
import { RevealDialog } from './person/Reveal';
import { CertificatesTable, DuplicatesTable, GuardiansTable } from './person/Tables';
import type {
  Certificate,
  DuplicateCandidate,
  Guardian,
  HistoryEntry,
  Household,
  Permission,
  PersonOut,
} from '../types';

// The drawers' forms (antd Form, selects, radios) load when a drawer opens, not with the page.
const CertificateForm = lazy(() =>
  import('./person/CertificateForm').then((m) => ({ default: m.CertificateForm })),
);
const GuardianForm = lazy(() => import('./person/Guardians').then((m) => ({ default: m.GuardianForm })));
const HouseholdForm = lazy(() => import('./person/Household').then((m) => ({ default: m.HouseholdForm })));

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
        <Part query={certificates}>{(data) => <CertificatesTable items={data.items} />}</Part>
        {can('persons.write') && !person.mergedInto && (
          <Button className="wrap-button" onClick={() => panel.open({ kind: 'certificate' })}>
            {t('personDetail.addCert')}
          </Button>
        )}
      </section>

      <section aria-labelledby="sec-guardians">
        <h2 id="sec-guardians">{t('personDetail.guardians')}</h2>
        <Part query={guardians}>
          {(data) => (
            <GuardiansTable
              items={data.items}
              canWrite={can('persons.write')}
              onRemove={(guardian) => panel.open({ kind: 'remove-guardian', guardian })}
            />
          )}
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
          <Part query={household}>{(h) => <HouseholdMembers household={h} selfId={id} />}</Part>
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
            {(data) => (
              <DuplicatesTable
                items={data.items}
                areas={areas}
                canMerge={can('persons.merge')}
                onMerge={(into) => panel.open({ kind: 'merge', into })}
              />
            )}
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
        <Suspense fallback={<Loading />}>
          <CertificateForm
            person={person}
            onCancel={panel.close}
            onDone={() => void changed(t('personDetail.certAdded'))}
          />
        </Suspense>
      </SideDrawer>

      <SideDrawer
        open={panel.state?.kind === 'guardian'}
        title={t('personDetail.addGuardianTitle', { name: person.name })}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        <Suspense fallback={<Loading />}>
          <GuardianForm
            personId={id}
            onCancel={panel.close}
            onDone={(name) => void changed(t('personDetail.guardianAdded', { name }))}
          />
        </Suspense>
      </SideDrawer>

      <SideDrawer
        open={panel.state?.kind === 'household'}
        title={t('personDetail.householdTitle', { name: person.name })}
        onClose={panel.close}
        returnFocus={panel.trigger}
      >
        <Suspense fallback={<Loading />}>
          <HouseholdForm
            person={person}
            onCancel={panel.close}
            onDone={() => void changed(t('personDetail.householdLinked'))}
          />
        </Suspense>
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
