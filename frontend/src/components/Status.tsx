import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;
const StatusContext = createContext<Announce>(() => {});

/** One polite live region for the app: "Saved", "User deactivated", and the like. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback<Announce>((m) => {
    // Clearing first makes screen readers repeat an identical message.
    setMessage('');
    window.setTimeout(() => setMessage(m), 50);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <StatusContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {message}
      </div>
    </StatusContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(StatusContext);
}
