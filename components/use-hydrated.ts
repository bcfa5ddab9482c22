'use client';
// Whether React runs the page yet. A button that works only with JavaScript
// is rendered disabled in the server's HTML and enabled once hydrated, so a
// tap before the scripts arrive (a slow phone, a slow network) is not lost
// on a button that cannot answer yet.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
