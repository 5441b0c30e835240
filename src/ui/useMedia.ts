import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, kept current (a phone turned, a window resized). */
export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** A phone held upright: the width below which the controls stack (styles.css, max-width: 560px). */
export const PHONE = '(max-width: 560px)';
