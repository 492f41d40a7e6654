/**
 * 组织与团队 (/care/organisations, care.read): the hierarchy as a nested list — each corps with its
 * sub-teams, then vanguard and social-work teams, then Party-building partners with what they
 * contribute. care.manage creates organisations in a dialog.
 */
import { useRef, useState } from 'react';
import { Button } from 'antd';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../announce';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { hasAny, useMe } from '../../session';
import { useNT } from './i18n';
import { buildTree, ORGS_KEY, type Organisation } from './model';
import { OrganisationForm } from './OrganisationForm';
import { messageOf, useOrganisations } from './parts';

function OrgItem({ o, children }: { o: Organisation; children?: React.ReactNode }) {
  const { t } = useNT();
  return (
    <li>
      <span className="org-kind">{t(`kind.${o.kind}`)}</span>
      <Link to={`/care/organisations/${o.id}`}>{o.name}</Link>
      {o.kind !== 'partner' && (
        <span className="muted">（{t('orgs.members', { count: o.memberCount })}）</span>
      )}
      {o.kind === 'partner' && o.contribution && (
        <div className="muted">{t('orgs.contributes', { text: o.contribution })}</div>
      )}
      {children}
    </li>
  );
}

export default function OrganisationsPage() {
  const { t } = useNT();
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { data: me } = useMe(false);
  const canManage = hasAny(me, ['care.manage']);
  const orgs = useOrganisations();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const tree = buildTree(orgs.data ?? []);

  return (
    <>
      <PageTitle title={t('orgs.title')} />
      <p>{t('orgs.intro')}</p>
      {notice && <p className="notice notice-success">{notice}</p>}
      {canManage && (
        <div className="toolbar">
          <Button
            type="primary"
            onClick={(e) => {
              trigger.current = e.currentTarget;
              setOpen(true);
            }}
          >
            {t('orgs.create')}
          </Button>
        </div>
      )}
      {orgs.error ? (
        <ErrorSummary items={[{ message: messageOf(orgs.error, tc('errors.network')) }]} />
      ) : orgs.isPending ? (
        <Loading />
      ) : orgs.data.length === 0 ? (
        <p>{t('orgs.none')}</p>
      ) : (
        <>
          <section aria-labelledby="orgs-tree">
            <h2 id="orgs-tree">{t('orgs.tree')}</h2>
            <ul className="org-tree">
              {tree.corps.map(({ corps, children }) => (
                <OrgItem key={corps.id} o={corps}>
                  {children.length > 0 && (
                    <ul>
                      {children.map((c) => (
                        <OrgItem key={c.id} o={c} />
                      ))}
                    </ul>
                  )}
                </OrgItem>
              ))}
            </ul>
          </section>
          {tree.teams.length > 0 && (
            <section aria-labelledby="orgs-teams">
              <h2 id="orgs-teams">{t('orgs.others')}</h2>
              <ul className="org-tree">
                {tree.teams.map((o) => (
                  <OrgItem key={o.id} o={o} />
                ))}
              </ul>
            </section>
          )}
          {tree.partners.length > 0 && (
            <section aria-labelledby="orgs-partners">
              <h2 id="orgs-partners">{t('orgs.partners')}</h2>
              <ul className="org-tree">
                {tree.partners.map((o) => (
                  <OrgItem key={o.id} o={o} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <Dialog
        open={open}
        title={t('org.createTitle')}
        onClose={() => setOpen(false)}
        returnFocus={trigger}
        initialFocus="createOrganisation_name"
        width={640}
      >
        {open && (
          <OrganisationForm
            org={null}
            all={orgs.data ?? []}
            onCancel={() => setOpen(false)}
            onDone={(o) => {
              setOpen(false);
              const msg = t('orgs.created', { name: o.name });
              setNotice(msg);
              announce(msg);
              void qc.invalidateQueries({ queryKey: ORGS_KEY });
            }}
          />
        )}
      </Dialog>
    </>
  );
}
