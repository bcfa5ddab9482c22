export * from './locales';
export { routing } from './routing';
export { PATH_HEADER, stripLocale } from './path';
