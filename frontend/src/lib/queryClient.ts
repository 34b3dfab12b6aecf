import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';
import { markSessionEnded } from './sessionEnded';

const ME = ['me'];

/**
 * One client for the app. A 401 anywhere means the session ended (logged out elsewhere,
 * deactivated, expired): the cached user is cleared and the guard sends the user to login.
 */
export function createQueryClient() {
  const onError = (e: unknown) => {
    if (!isApiError(e)) return;
    if (e.status === 401 && e.code !== 'mfa_required') {
      if (client.getQueryData(ME)) markSessionEnded();
      client.setQueryData(ME, null);
    } else if (e.code === 'password_change_required') {
      void client.invalidateQueries({ queryKey: ME });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (count, e) => !(isApiError(e) && e.status > 0 && e.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
