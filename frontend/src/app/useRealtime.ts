import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { alertsKey } from '@/api/alerts';
import { getMe, meKey } from '@/api/me';
import { markSessionEnded } from '@/lib/sessionEnded';
import { realtimeSocket } from '@/lib/socket';

/**
 * While someone is signed in, the tab's websocket stays open. Each `alert` frame, and each
 * reconnect (frames sent while offline are lost), reads the alerts again, so the badge follows
 * within a moment instead of at the next poll. The end of the session (close code 4001, or a
 * refused reconnect with no session left) leads to the login, as a 401 anywhere does.
 */
export function useRealtime(signedIn: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const socket = realtimeSocket();
    const sessionEnded = () => {
      if (qc.getQueryData(meKey)) markSessionEnded();
      qc.setQueryData(meKey, null);
    };
    const offEvents = socket.listen((e) => {
      if (e.type === 'session_ended') sessionEnded();
      else if (e.type === 'handshake_failed') {
        void getMe().then(
          (u) => u === null && sessionEnded(),
          () => {},
        );
      }
    });
    const offAlerts = socket.onAlert(() => void qc.invalidateQueries({ queryKey: alertsKey }));
    return () => {
      offAlerts();
      offEvents();
    };
  }, [signedIn, qc]);
}
