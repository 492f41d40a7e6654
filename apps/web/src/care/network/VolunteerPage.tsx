/**
 * One volunteer (/care/volunteers/:id, care.read): profile with masked phone (care.manage may show
 * it with a reason) and masked ID number, skills with levels, languages, availability in words,
 * training, awards, evaluations, memberships, and a link to the service hours page.
 */
import { lazy, Suspense } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { PAGES, canOpen } from '../../routes';
import { hasAny, useMe } from '../../session';
import { useNT } from './i18n';
import { availabilityInWords, VOLUNTEERS_KEY, type Membership, type Volunteer } from './model';
import { messageOf } from './parts';
import { RevealPhone } from './RevealPhone';

/** The accompaniment's hospitals for this volunteer: loaded only for those who may see them. */
const VolunteerHospitals = lazy(() => import('../../accompaniment/staff/VolunteerHospitals'));

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export default function VolunteerPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useNT();
  const { t: tc } = useTranslation();
  const { data: me } = useMe(false);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const vol = useQuery({
    queryKey: [...VOLUNTEERS_KEY, id],
    queryFn: ({ signal }) => api.get<Volunteer>(`/care/volunteers/${id}`, { signal }),
  });
  const memberships = useQuery({
    queryKey: [...VOLUNTEERS_KEY, id, 'memberships'],
    queryFn: ({ signal }) => api.get<Membership[]>(`/care/volunteers/${id}/memberships`, { signal }),
  });
  if (vol.error)
    return (
      <>
        <PageTitle title={t('vols.title')} />
        <ErrorSummary items={[{ message: messageOf(vol.error, tc('errors.network')) }]} />
        <Link to="/care/volunteers">{t('vol.back')}</Link>
      </>
    );
  if (!vol.data) return <Loading />;
  const v = vol.data;
  const canManage = hasAny(me, ['care.manage']);
  const hoursPage = PAGES.find((p) => p.path === '/care/volunteers/:id/hours');
  const showHours = hoursPage && canOpen(hoursPage, me?.permissions ?? []);
  const words = availabilityInWords(v.availability, {
    dayName: (d) => t(`weekday.${d}`),
    through: i18n.language === 'en' ? '–' : '至',
    offAllDay: (date) => t('vol.offAllDay', { date }),
    onlyRanges: (date, ranges) => t('vol.onlyRanges', { date, ranges }),
  });
  const none = <p>{t('vol.none')}</p>;
  const memberColumns: Column<Membership>[] = [
    {
      key: 'org',
      title: t('vol.memberships'),
      rowHeader: true,
      render: (m) => <Link to={`/care/organisations/${m.organisationId}`}>{m.organisationName}</Link>,
    },
    { key: 'kind', title: t('org.kind'), render: (m) => t(`kind.${m.organisationKind}`) },
    { key: 'role', title: t('members.role'), render: (m) => t(`role.${m.role}`) },
    { key: 'party', title: t('members.party'), render: (m) => (m.partyMember ? t('yes') : t('no')) },
    { key: 'joined', title: t('members.joinedOn'), render: (m) => m.joinedOn },
    { key: 'left', title: t('members.leftOn'), render: (m) => m.leftOn ?? t('members.current') },
  ];

  return (
    <>
      <PageTitle title={v.name} />
      <p>
        <Link to="/care/volunteers">{t('vol.back')}</Link>
      </p>
      {notice && <p className="notice notice-success">{notice}</p>}
      <div className="toolbar">
        {canManage && (
          <Link className="button-link button-link-primary" to={`/care/volunteers/${v.id}/edit`}>
            {t('vol.edit')}
          </Link>
        )}
        {showHours && (
          <Link className="button-link" to={`/care/volunteers/${v.id}/hours`}>
            {t('vol.hours')}
          </Link>
        )}
      </div>
      <Section id="vol-profile" title={t('vol.profile')}>
        <dl className="profile-list">
          <dt>{t('vol.phone')}</dt>
          <dd>
            <RevealPhone volunteerId={v.id} name={v.name} masked={v.phone} canReveal={canManage} />
          </dd>
          <dt>{t('vol.idType')}</dt>
          <dd>{t(`idType.${v.idType}`)}</dd>
          <dt>{t('vol.idNumber')}</dt>
          <dd>{v.idNumber ?? t('vol.none')}</dd>
          <dt>{t('vol.volunteerNo')}</dt>
          <dd>{v.volunteerNo ?? t('vol.none')}</dd>
          <dt>{t('vol.account')}</dt>
          <dd>{v.userId ? t('vol.accountLinked') : t('vol.accountNone')}</dd>
          <dt>{t('vol.active')}</dt>
          <dd>{v.active ? t('vols.activeYes') : t('vols.activeNo')}</dd>
          <dt>{t('vol.languages')}</dt>
          <dd>{v.languages.length ? v.languages.join('、') : t('vol.none')}</dd>
        </dl>
      </Section>
      <Section id="vol-skills" title={t('vol.skills')}>
        {v.skills.length ? (
          <ul>
            {v.skills.map((s) => (
              <li key={s.skill}>
                {t(`skill.${s.skill}`)}：{t(`level.${String(s.level) as '1'}`)}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
      <Section id="vol-availability" title={t('vol.availability')}>
        <h3>{t('vol.weekly')}</h3>
        {words.weekly.length ? (
          <ul>
            {words.weekly.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          <p>{t('vol.noWeekly')}</p>
        )}
        <h3>{t('vol.exceptions')}</h3>
        {words.exceptions.length ? (
          <ul>
            {words.exceptions.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          <p>{t('vol.noExceptions')}</p>
        )}
      </Section>
      <Section id="vol-memberships" title={t('vol.memberships')}>
        {memberships.error ? (
          <ErrorSummary items={[{ message: messageOf(memberships.error, tc('errors.network')) }]} />
        ) : (
          <TableScroll label={t('vol.memberships')}>
            <DataTable<Membership>
              rowKey={(m) => m.id}
              columns={memberColumns}
              rows={memberships.data ?? []}
              loading={memberships.isPending}
              emptyText={t('vol.none')}
            />
          </TableScroll>
        )}
      </Section>
      {hasAny(me, ['accompaniment.read']) ? (
        <Suspense fallback={<Loading />}>
          <VolunteerHospitals volunteerId={v.id} canManage={hasAny(me, ['accompaniment.manage'])} />
        </Suspense>
      ) : null}
      <Section id="vol-training" title={t('vol.training')}>
        {v.training.length ? (
          <ul>
            {v.training.map((x, i) => (
              <li key={i}>
                {x.completedOn} {x.course}
                {x.hours !== undefined ? `（${t('vol.trainingHours')} ${x.hours}）` : ''}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
      <Section id="vol-awards" title={t('vol.awards')}>
        {v.awards.length ? (
          <ul>
            {v.awards.map((x, i) => (
              <li key={i}>
                {x.awardedOn} {x.title}
                {x.by ? `（${x.by}）` : ''}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
      <Section id="vol-evaluations" title={t('vol.evaluations')}>
        {v.evaluations.length ? (
          <ul>
            {v.evaluations.map((x, i) => (
              <li key={i}>
                {x.on} {t('vol.stars', { n: x.rating })}
                {x.note ? `：${x.note}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
    </>
  );
}
