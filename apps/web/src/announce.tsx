import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;
const AnnounceContext = createContext<Announce>(() => undefined);

/** One polite live region for the whole app: list results, saves, reading state. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const announce = useCallback<Announce>((m) => {
    window.clearTimeout(timer.current);
    setMessage('');
    // Clearing first makes screen readers repeat an identical message.
    timer.current = window.setTimeout(() => setMessage(m), 60);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="live-region"
      >
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
