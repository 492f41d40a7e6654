/**
 * One organisation or team (/care/organisations/:id, care.read): its details (a partner's
 * contribution), its members with role, Party membership and dates; care.manage edits it, adds
 * members and ends memberships (If-Match).
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAnnounce } from '../../announce';
import { DataTable, type Column } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { hasAny, useMe } from '../../session';
import { useNT } from './i18n';
import { AddMemberForm, EndMemberForm } from './MemberForms';
import { ORGS_KEY, type Member, type Organisation } from './model';
import { OrganisationForm } from './OrganisationForm';
import { messageOf, useOrganisations } from './parts';

type DialogState = { kind: 'edit' } | { kind: 'add' } | { kind: 'end'; member: Member } | null;

export default function OrganisationPage() {
  const { id = '' } = useParams();
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canManage = hasAny(me, ['care.manage']);
  const org = useQuery({
    queryKey: [...ORGS_KEY, id],
    queryFn: ({ signal }) => api.get<Organisation>(`/care/organisations/${id}`, { signal }),
  });
  const members = useQuery({
    queryKey: [...ORGS_KEY, id, 'members'],
    queryFn: ({ signal }) => api.get<Member[]>(`/care/organisations/${id}/members`, { signal }),
  });
  const all = useOrganisations();
  const [dialog, setDialogState] = useState<DialogState>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const setDialog = (next: DialogState) => {
    if (next && !dialog)
      trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialogState(next);
  };
  const done = (msg: string) => {
    setDialog(null);
    setNotice(msg);
    announce(msg);
    void qc.invalidateQueries({ queryKey: ORGS_KEY });
  };

  if (org.error)
    return (
      <>
        <PageTitle title={t('orgs.title')} />
        <ErrorSummary items={[{ message: messageOf(org.error, tc('errors.network')) }]} />
        <Link to="/care/organisations">{t('org.back')}</Link>
      </>
    );
  if (!org.data) return <Loading />;
  const o = org.data;
  const parent = all.data?.find((x) => x.id === o.parentId);
  const sorted = [...(members.data ?? [])].sort(
    (a, b) =>
      Number(a.leftOn !== null) - Number(b.leftOn !== null) ||
      a.volunteerName.localeCompare(b.volunteerName, 'zh-CN'),
  );
  const columns: Column<Member>[] = [
    {
      key: 'name',
      title: t('members.volunteer'),
      rowHeader: true,
      render: (m) => <Link to={`/care/volunteers/${m.volunteerId}`}>{m.volunteerName}</Link>,
    },
    { key: 'role', title: t('members.role'), render: (m) => t(`role.${m.role}`) },
    { key: 'party', title: t('members.party'), render: (m) => (m.partyMember ? t('yes') : t('no')) },
    { key: 'joined', title: t('members.joinedOn'), render: (m) => m.joinedOn },
    { key: 'left', title: t('members.leftOn'), render: (m) => m.leftOn ?? t('members.current') },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: tc('common.actions'),
            render: (m: Member) =>
              m.leftOn ? null : (
                <Button
                  onClick={() => setDialog({ kind: 'end', member: m })}
                  aria-label={t('members.endLabel', { name: m.volunteerName })}
                >
                  {t('members.end')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle title={o.name} />
      <p>
        <Link to="/care/organisations">{t('org.back')}</Link>
      </p>
      {notice && <p className="notice notice-success">{notice}</p>}
      <section aria-labelledby="org-details">
        <h2 id="org-details">{t('org.details')}</h2>
        <dl className="profile-list">
          <dt>{t('org.kind')}</dt>
          <dd>{t(`kind.${o.kind}`)}</dd>
          {o.parentId && (
            <>
              <dt>{t('org.parent')}</dt>
              <dd>
                {parent ? (
                  <Link to={`/care/organisations/${parent.id}`}>{parent.name}</Link>
                ) : (
                  t('orgs.noParent')
                )}
              </dd>
            </>
          )}
          <dt>{t('org.description')}</dt>
          <dd>{o.description || t('vol.none')}</dd>
          {o.kind === 'partner' && (
            <>
              <dt>{t('org.contribution')}</dt>
              <dd>{o.contribution || t('vol.none')}</dd>
              <dt>{t('org.categories')}</dt>
              <dd>
                {o.contributionCategories.length
                  ? o.contributionCategories.map((c) => t(`contribution.${c}`)).join('、')
                  : t('vol.none')}
              </dd>
            </>
          )}
          <dt>{t('org.memberCount')}</dt>
          <dd>{o.memberCount}</dd>
        </dl>
        {canManage && <Button onClick={() => setDialog({ kind: 'edit' })}>{t('org.edit')}</Button>}
      </section>
      <section aria-labelledby="org-members">
        <h2 id="org-members">{t('members.title')}</h2>
        {canManage && (
          <div className="toolbar">
            <Button type="primary" onClick={() => setDialog({ kind: 'add' })}>
              {t('members.add')}
            </Button>
          </div>
        )}
        {members.error ? (
          <ErrorSummary items={[{ message: messageOf(members.error, tc('errors.network')) }]} />
        ) : (
          <TableScroll label={t('members.tableLabel')}>
            <DataTable<Member>
              rowKey={(m) => m.id}
              columns={columns}
              rows={sorted}
              loading={members.isPending}
              emptyText={t('members.none')}
            />
          </TableScroll>
        )}
      </section>
      <Dialog
        open={dialog !== null}
        title={
          dialog?.kind === 'edit'
            ? t('org.editTitle', { name: o.name })
            : dialog?.kind === 'add'
              ? t('members.addTitle', { name: o.name })
              : dialog?.kind === 'end'
                ? t('members.endTitle', { name: dialog.member.volunteerName })
                : ''
        }
        onClose={() => setDialog(null)}
        returnFocus={trigger}
        initialFocus={
          dialog?.kind === 'edit'
            ? 'editOrganisation_name'
            : dialog?.kind === 'add'
              ? 'addMember_volunteerId'
              : 'endMember_leftOn'
        }
        width={640}
      >
        {dialog?.kind === 'edit' && (
          <OrganisationForm
            org={o}
            all={all.data ?? []}
            onCancel={() => setDialog(null)}
            onDone={(x) => done(t('org.updated', { name: x.name }))}
          />
        )}
        {dialog?.kind === 'add' && (
          <AddMemberForm
            organisationId={o.id}
            onCancel={() => setDialog(null)}
            onDone={(m) => done(t('members.added', { name: m.volunteerName }))}
          />
        )}
        {dialog?.kind === 'end' && (
          <EndMemberForm
            member={dialog.member}
            onCancel={() => setDialog(null)}
            onDone={(m) => done(t('members.ended', { name: m.volunteerName }))}
          />
        )}
      </Dialog>
    </>
  );
}
