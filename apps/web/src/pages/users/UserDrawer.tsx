/** The drawer that holds the user form, titled by what it does, focus kept inside while open. */
import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDrawerWidth } from '../../components/drawerWidth';
import type { StreetOut } from '../../types';
import type { DrawerState } from './model';
import { UserForm } from './UserForm';

export function UserDrawer({
  state,
  areas,
  onClose,
  onClosed,
  onDone,
  onReload,
}: {
  state: DrawerState;
  onClosed: () => void;
  areas: readonly StreetOut[] | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
  onReload: (id: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  const title =
    state?.mode === 'create'
      ? t('users.createTitle')
      : state?.mode === 'edit'
        ? t('users.editTitle', { name: state.user.displayName || state.user.username })
        : state?.mode === 'reset'
          ? t('users.resetTitle', { name: state.user.displayName || state.user.username })
          : '';
  // A new form (fresh values, no old errors) each time the drawer opens or reloads a newer version.
  const key = state ? `${state.mode}:${'user' in state ? `${state.user.id}:${state.user.version}` : ''}` : '';

  return (
    <Drawer
      open={state !== null}
      onClose={onClose}
      title={title}
      size={width}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      focusable={{ focusTriggerAfterClose: false, trap: true }}
      afterOpenChange={(open) => {
        if (!open) onClosed();
      }}
    >
      {state && (
        <UserForm
          key={key}
          state={state}
          areas={areas}
          onClose={onClose}
          onDone={onDone}
          onReload={onReload}
        />
      )}
    </Drawer>
  );
}
