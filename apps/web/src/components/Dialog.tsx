import type { ReactNode, RefObject } from 'react';
import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog opened by a user action: labelled by its title, focus kept inside while open,
 * the first field (or the dialog) focused on opening, and focus back on the control that opened it
 * (`returnFocus`, else the page heading) once it has closed. Its content brings its own buttons.
 */
export function Dialog({
  open,
  title,
  onClose,
  returnFocus,
  initialFocus,
  children,
  width = 560,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  returnFocus?: RefObject<HTMLElement | null>;
  /** id of the element to focus when the dialog has opened. */
  initialFocus?: string;
  children: ReactNode;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      footer={null}
      width={width}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      focusable={{ focusTriggerAfterClose: false, trap: true }}
      afterOpenChange={(isOpen) => {
        if (isOpen) {
          if (initialFocus) document.getElementById(initialFocus)?.focus();
          return;
        }
        const el = returnFocus?.current;
        if (el && el.isConnected) el.focus();
        else document.getElementById('page-title')?.focus();
      }}
    >
      {children}
    </Modal>
  );
}
