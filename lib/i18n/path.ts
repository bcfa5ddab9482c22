import { isLocale } from './locales';

/** "/vi/guide/chip?c=X" → "/guide/chip?c=X"; "/vi" → "". */
export function stripLocale(pathWithSearch: string): string {
  const url = new URL(pathWithSearch, 'http://localhost');
  const segments = url.pathname.split('/');
  if (isLocale(segments[1])) segments.splice(1, 1);
  const path = segments.join('/');
  return (path === '/' ? '' : path) + url.search;
}
