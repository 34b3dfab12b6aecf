import { useMemo, useRef } from 'react';

/**
 * Gives focus back to a control that was swapped out (for a form or a confirmation) once it
 * is on screen again, so keyboard and screen reader users do not land at the top of the page.
 * Call `returnTo(key)` just before closing; the element given `ref(key)` takes focus when it mounts.
 */
export function useFocusReturn() {
  const pending = useRef<string | null>(null);
  return useMemo(
    () => ({
      returnTo: (key: string) => {
        pending.current = key;
      },
      ref:
        (key: string) =>
        (el: HTMLElement | null): void => {
          if (el && pending.current === key) {
            pending.current = null;
            el.focus();
          }
        },
    }),
    [],
  );
}
