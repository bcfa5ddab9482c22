// Messages for code that runs outside a page's render (route handlers,
// server actions, SMS texts): next-intl's plain translator over the message
// files, loaded once per locale. Works the same in a request, in a script
// and in a test, where next-intl's request config is not there.
import { createTranslator } from 'next-intl';
import { defaultLocale, type Locale } from '@/lib/i18n';

type Messages = Record<string, unknown>;

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  ko: () => import('@/messages/ko.json'),
  en: () => import('@/messages/en.json'),
  'zh-CN': () => import('@/messages/zh-CN.json'),
  vi: () => import('@/messages/vi.json'),
  th: () => import('@/messages/th.json'),
  uz: () => import('@/messages/uz.json'),
  ne: () => import('@/messages/ne.json'),
  km: () => import('@/messages/km.json'),
  mn: () => import('@/messages/mn.json'),
  ru: () => import('@/messages/ru.json'),
  tl: () => import('@/messages/tl.json'),
  id: () => import('@/messages/id.json'),
  my: () => import('@/messages/my.json'),
  ja: () => import('@/messages/ja.json'),
  lo: () => import('@/messages/lo.json'),
  si: () => import('@/messages/si.json'),
  bn: () => import('@/messages/bn.json'),
  kk: () => import('@/messages/kk.json'),
  ur: () => import('@/messages/ur.json'),
  ar: () => import('@/messages/ar.json'),
};

/** A translator for keys made at run time (error codes, step names): call it, or ask has(key). */
export type RuntimeTranslator = { (key: string, params?: Record<string, string | number | Date>): string; has(key: string): boolean };

const cache = new Map<string, Promise<RuntimeTranslator>>();

/** The translator of one namespace (e.g. "errors", "enroll") in a locale. */
export function translatorFor(locale: Locale, namespace: string): Promise<RuntimeTranslator> {
  const key = `${locale}:${namespace}`;
  let translator = cache.get(key);
  if (!translator) {
    translator = (loaders[locale] ?? loaders[defaultLocale])().then(
      ({ default: messages }) =>
        createTranslator({ locale, messages, namespace: namespace as never, timeZone: 'Asia/Seoul', onError: () => {} }) as unknown as RuntimeTranslator,
    );
    translator.catch(() => cache.delete(key));
    cache.set(key, translator);
  }
  return translator;
}
