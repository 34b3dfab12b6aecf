// Remembers, across the redirect to login, that a session ended on its own (deactivated,
// signed out elsewhere, expired), so the login screen can say so.
const KEY = 'zajedno.sessionEnded';

export function markSessionEnded() {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // not important enough to fail over
  }
}

export function sessionEndedMarked(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function clearSessionEnded() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
