import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiError } from '@/lib/api';
import {
  base64UrlToBytes,
  existingRegistration,
  notificationPermission,
  pushSupported,
  readStoredPush,
  registerWorker,
  sameKey,
  storePush,
} from '@/lib/push';
import { addPushSubscription, deletePushSubscription, getPushPublicKey, pushKeyKey, usePushPublicKey, type PushSubscriptionRecord } from './api/push';

/** What went wrong, each with its own message: what happened and what to do. */
export type PushProblem = 'unsupported' | 'denied' | 'dismissed' | 'noServer' | 'network' | 'browserFailed' | 'saveFailed';

class PushStepError extends Error {
  constructor(readonly problem: PushProblem) {
    super(problem);
  }
}

/** An API error as a problem: no answer at all is the network, anything else is the step's own problem. */
function apiProblem(e: unknown, otherwise: PushProblem): PushProblem {
  return isApiError(e) && e.status === 0 ? 'network' : otherwise;
}

export function problemOf(e: unknown): PushProblem | null {
  if (!e) return null;
  if (e instanceof PushStepError) return e.problem;
  if (isApiError(e)) return e.status === 0 ? 'network' : 'saveFailed';
  return 'browserFailed';
}

/**
 * Push notifications on this browser, for the signed-in user: whether the browser can have them,
 * the permission, whether this browser is subscribed for this user, and turning it on and off
 * (docs/api-notifications.md, "Subscribing a browser").
 */
export function usePushDevice(userId: string, language: string) {
  const qc = useQueryClient();
  const supported = pushSupported();
  const [permission, setPermission] = useState<NotificationPermission>(notificationPermission);
  // null while the browser is asked whether it holds a subscription.
  const [on, setOn] = useState<boolean | null>(supported ? null : false);
  const key = usePushPublicKey(supported);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    existingRegistration()
      .then((reg) => reg?.pushManager.getSubscription() ?? null)
      .then(
        (sub) => {
          const stored = readStoredPush();
          // Subscribed by someone else on this browser (a shared computer) counts as off for this user.
          if (live) setOn(!!sub && !!stored && stored.endpoint === sub.endpoint && stored.user_id === userId);
        },
        () => live && setOn(false),
      );
    return () => {
      live = false;
    };
  }, [supported, userId]);

  const turnOn = useMutation({
    mutationFn: async () => {
      if (!supported) throw new PushStepError('unsupported');
      // Asked first, straight from the click: browsers ask only in answer to the user's own action.
      const answer = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      setPermission(answer);
      if (answer === 'denied') throw new PushStepError('denied');
      if (answer !== 'granted') throw new PushStepError('dismissed');
      let publicKey: string;
      try {
        publicKey = key.data ?? (await qc.fetchQuery({ queryKey: pushKeyKey, queryFn: ({ signal }) => getPushPublicKey(signal), retry: false, staleTime: Infinity }));
      } catch (e) {
        throw new PushStepError(apiProblem(e, 'noServer'));
      }
      const serverKey = base64UrlToBytes(publicKey);
      let subscription: PushSubscription;
      try {
        const reg = await registerWorker(language);
        const existing = await reg.pushManager.getSubscription();
        // One made with another key (the server's pair changed) cannot be reused.
        if (existing && !sameKey(existing, serverKey)) await existing.unsubscribe();
        subscription = existing && sameKey(existing, serverKey) ? existing : await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
      } catch {
        throw new PushStepError('browserFailed');
      }
      let saved: PushSubscriptionRecord;
      try {
        saved = await addPushSubscription(subscription);
      } catch (e) {
        throw new PushStepError(apiProblem(e, 'saveFailed'));
      }
      storePush({ id: saved.id, endpoint: subscription.endpoint, user_id: userId });
    },
    onSuccess: () => setOn(true),
  });

  const turnOff = useMutation({
    mutationFn: async () => {
      const stored = readStoredPush();
      if (stored && stored.user_id === userId) {
        try {
          await deletePushSubscription(stored.id);
        } catch (e) {
          // Gone already (or never this user's): nothing left to delete on the server.
          if (!(isApiError(e) && e.status === 404)) throw new PushStepError(apiProblem(e, 'saveFailed'));
        }
      }
      try {
        const reg = await existingRegistration();
        const sub = await reg?.pushManager.getSubscription();
        await sub?.unsubscribe();
      } catch {
        // The server no longer pushes to it: the browser's copy does no harm.
      }
      storePush(null);
    },
    onSuccess: () => setOn(false),
  });

  const working = turnOn.isPending || turnOff.isPending;
  const problem = problemOf(turnOn.error ?? turnOff.error);
  // A server that cannot give its key sends no push: said before anyone presses the button.
  const keyProblem: PushProblem | null = key.isError ? apiProblem(key.error, 'noServer') : null;

  return {
    supported,
    permission,
    on,
    working,
    problem,
    keyProblem,
    turnOn: () => {
      turnOff.reset();
      turnOn.mutate();
    },
    turnOff: () => {
      turnOn.reset();
      turnOff.mutate();
    },
    turningOn: turnOn.isPending,
    turningOff: turnOff.isPending,
  };
}
