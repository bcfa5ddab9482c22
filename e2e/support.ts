// Shared helpers for the journeys.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const locales = [
  'ko', 'en', 'zh-CN', 'vi', 'th', 'uz', 'ne', 'km', 'mn', 'ru',
  'tl', 'id', 'my', 'ja', 'lo', 'si', 'bn', 'kk', 'ur', 'ar',
] as const;
export type Locale = (typeof locales)[number];
export const rtl = new Set<Locale>(['ur', 'ar']);

type Messages = { [key: string]: string | Messages };
const cache = new Map<string, Messages>();
export function messages(locale: Locale): Messages {
  if (!cache.has(locale)) {
    cache.set(locale, JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')));
  }
  return cache.get(locale)!;
}

/** A message by dotted key, for asserting through translation keys rather than literal copy. */
export function msg(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Messages | undefined = messages(locale);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${locale}`);
  return node.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Runs axe on the page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
