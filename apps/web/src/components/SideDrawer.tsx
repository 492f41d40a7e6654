import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDrawerWidth } from './drawerWidth';

/**
 * A form in a drawer (as on the users page): focus kept inside while open, and back on the control
 * that opened it (`returnFocus`, else the page heading) once it has closed.
 */
export function SideDrawer({
  open,
  title,
  onClose,
  returnFocus,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  returnFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const width = useDrawerWidth();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={width}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      focusable={{ focusTriggerAfterClose: false, trap: true }}
      afterOpenChange={(isOpen) => {
        if (isOpen) return;
        const el = returnFocus?.current;
        if (el && el.isConnected) el.focus();
        else document.getElementById('page-title')?.focus();
      }}
    >
      {children}
    </Drawer>
  );
}

/** Which dialog or drawer is open, and the control that opened it (to return focus to). */
export function useOpener<T>() {
  const [state, setState] = useState<T | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const open = (next: T) => {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setState(next);
  };
  const close = () => setState(null);
  /** Focus goes elsewhere on closing (e.g. the opener was removed with its row). */
  const returnTo = (el: HTMLElement | null) => {
    trigger.current = el;
  };
  return { state, open, close, trigger, returnTo };
}
