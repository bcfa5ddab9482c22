'use client';
// Registers the service worker (app/sw.ts, served at /serwist/sw.js) once the
// page has loaded, and asks it to keep this page's language for offline
// reading. Part of the app's own bundle, so every page's Content-Security-
// Policy allows it: the nonce's 'strict-dynamic' on pages rendered per
// request, 'self' on the prerendered ones (lib/security/headers.ts).
import { useEffect } from 'react';

export function RegisterServiceWorker({ locale }: { locale: string }) {
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const register = () => {
      sw.register('/serwist/sw.js', { scope: '/' })
        .then(() => sw.ready)
        .then((registration) => registration.active?.postMessage({ type: 'cache-locale', locale }))
        .catch(() => {});
    };
    if (document.readyState === 'complete') register();
    else {
      window.addEventListener('load', register, { once: true });
      return () => window.removeEventListener('load', register);
    }
  }, [locale]);
  return null;
}
