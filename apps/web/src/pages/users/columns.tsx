/** The users table's columns (and, for managers, each row's actions), in the page's language. */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../components/DataTable';
import { communityName, formatTime, roleName, streetName } from '../../labels';
import type { StreetOut, UserOut } from '../../types';
import { isLocked } from './model';

export type UserAction = 'disable' | 'enable' | 'unlock';

export function useUserColumns({
  areas,
  canManage,
  onEdit,
  onReset,
  onAct,
}: {
  areas: readonly StreetOut[] | undefined;
  canManage: boolean;
  onEdit: (u: UserOut) => void;
  onReset: (u: UserOut) => void;
  onAct: (u: UserOut, kind: UserAction) => void;
}): Column<UserOut>[] {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns: Column<UserOut>[] = [
    { title: t('users.username'), field: 'username', key: 'username', rowHeader: true },
    { title: t('users.displayName'), field: 'displayName', key: 'displayName' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (u) => u.roles.map((r) => roleName(t, r)).join(lang === 'en' ? ', ' : '、'),
    },
    {
      title: t('users.street'),
      key: 'scope',
      render: (u) =>
        [streetName(lang, u.streetCode, areas), communityName(u.communityId, areas)]
          .filter(Boolean)
          .join(' / '),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (u) => (
        <>
          {u.disabled ? (
            <span className="tag tag-danger">{t('users.stateDisabled')}</span>
          ) : (
            <span className="tag">{t('users.stateActive')}</span>
          )}
          {isLocked(u) && <span className="tag tag-danger">{t('users.stateLocked')}</span>}
        </>
      ),
    },
    {
      title: t('users.totp'),
      key: 'totp',
      render: (u) => (u.totpEnabled ? t('users.totpOn') : t('users.totpOff')),
    },
    {
      title: t('users.lastLogin'),
      key: 'lastLoginAt',
      render: (u) => (u.lastLoginAt ? formatTime(u.lastLoginAt, lang) : t('users.never')),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (u) => {
        const name = u.displayName || u.username;
        return (
          <div className="row-actions" role="group" aria-label={t('users.actionsFor', { name })}>
            <Button size="small" onClick={() => onEdit(u)} aria-label={t('users.editFor', { name })}>
              {t('common.edit')}
            </Button>
            <Button size="small" onClick={() => onReset(u)} aria-label={t('users.resetFor', { name })}>
              {t('users.resetPassword')}
            </Button>
            {u.disabled ? (
              <Button
                size="small"
                onClick={() => onAct(u, 'enable')}
                aria-label={t('users.enableFor', { name })}
              >
                {t('users.enable')}
              </Button>
            ) : (
              <Button
                size="small"
                danger
                onClick={() => onAct(u, 'disable')}
                aria-label={t('users.disableFor', { name })}
              >
                {t('users.disable')}
              </Button>
            )}
            {isLocked(u) && (
              <Button
                size="small"
                onClick={() => onAct(u, 'unlock')}
                aria-label={t('users.unlockFor', { name })}
              >
                {t('users.unlock')}
              </Button>
            )}
          </div>
        );
      },
    });
  }
  return columns;
}
