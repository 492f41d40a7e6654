import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, lastServerContact } from '../api';
import { useAnnounce } from '../announce';
import { idleTimeoutSeconds, ME_KEY } from '../session';
import type { SessionUser } from '../types';

/**
 * The accessible idle-timeout warning (WCAG 2.2.1): shown inside the page (not a pop-up) shortly
 * before the server would end an idle session, with a button to stay signed in.
 */
export function IdleWarning() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [now, setNow] = useState(() => Date.now());
  const idle = idleTimeoutSeconds();

  useEffect(() => {
    if (!idle) return;
    const timer = window.setInterval(() => setNow(Date.now()), 10_000);
    return () => window.clearInterval(timer);
  }, [idle]);

  const remaining = idle ? idle * 1000 - (now - lastServerContact()) : Infinity;
  const expired = remaining <= 0;
  useEffect(() => {
    // Ask the server: a 401 sends the user to the sign-in page with an explanation.
    if (expired) api.get('/auth/me').catch(() => undefined);
  }, [expired]);

  if (!idle || remaining > Math.min(120_000, (idle * 1000) / 4) || expired) return null;

  const stay = async () => {
    const user = await api.get<SessionUser>('/auth/me');
    qc.setQueryData(ME_KEY, user);
    setNow(Date.now());
    announce(t('idle.extended'));
  };

  return (
    <div className="idle-warning" role="alert">
      <p>{t('idle.warning', { minutes: Math.max(1, Math.ceil(remaining / 60_000)) })}</p>
      <Button type="primary" onClick={() => void stay().catch(() => undefined)}>
        {t('idle.stay')}
      </Button>
    </div>
  );
}
