// How a slot reads in the page's language: its day and times in Korea
// (Intl, the locale's own digits and calendar words), its length, the
// languages spoken (named by Intl.DisplayNames in the reader's language),
// where it is and how many places are left. Server-side: strings arrive at
// components already made.
import { translatorFor } from '@/app/_lib/messages';
import { seoulDay } from '@/lib/clock';
import { dateTimeFormat, endonyms, formatNumber, isLocale, type Locale } from '@/lib/i18n';
import type { SlotKind, SlotView, SlotWait } from '@/lib/proofing';

/**
 * `address`: an office's street address, shown marked translate="no": its
 * building number stays in Latin digits in every language (a person types it
 * into a map app or shows it to a driver), like the other identifiers.
 */
export type SlotPlace = { title: string; address?: string; lines: string[] };

export type SlotText = {
  id: string;
  kind: SlotKind;
  kindLabel: string;
  /** The Korean day (YYYY-MM-DD), for grouping; never shown. */
  dayKey: string;
  /** "Thursday, December 3, 2026" */
  day: string;
  /** "2:30 – 2:50 PM" */
  time: string;
  /** "20 minutes" */
  duration: string;
  /** "Korean, Chinese, English" */
  languages: string;
  interpreter: boolean;
  place: SlotPlace;
  /** "1 place left" */
  free: string;
};

/** A day in Korea, written out with its weekday. */
export function formatDay(locale: Locale, at: Date): string {
  return dateTimeFormat(locale, { dateStyle: 'full' }).format(at);
}

/** A time range in Korea: "2:30 – 2:50 PM". */
export function formatTimeRange(locale: Locale, start: Date, end: Date): string {
  return dateTimeFormat(locale, { timeStyle: 'short' }).formatRange(start, end);
}

/** "20 minutes", in the locale's words and digits. */
export function formatMinutes(locale: Locale, minutes: number): string {
  return formatNumber(locale, minutes, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
}

/** A language's name in the reader's language: "Chinese" for zh-CN, read by a Korean reader as "중국어". */
export function languageName(reader: Locale, code: string): string {
  const tag = code === 'zh-CN' ? 'zh' : code;
  try {
    const name = new Intl.DisplayNames([reader], { type: 'language', fallback: 'none' }).of(tag);
    if (name) return name;
  } catch {}
  return isLocale(code) ? endonyms[code] : code;
}

export function languageList(reader: Locale, codes: readonly string[]): string {
  const names = codes.map((c) => languageName(reader, c));
  try {
    // A conjunction list: a 'unit' list runs Chinese and Japanese names together with no separator.
    return new Intl.ListFormat(reader, { type: 'conjunction', style: 'long' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** "in 3 days" / "in 5 hours" / "in 40 minutes", in the reader's language. */
export function formatWait(locale: Locale, wait: Pick<SlotWait, 'ms' | 'days' | 'hours'>): string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (wait.days >= 1) return relative.format(wait.days, 'day');
  if (wait.hours >= 1) return relative.format(wait.hours, 'hour');
  return relative.format(Math.max(1, Math.round(wait.ms / 60_000)), 'minute');
}

type Loose = (key: string, values?: Record<string, string | number>) => string;

/** Where a slot is: the office (its name, address and hours in the reader's language), the venue and its host, or the video call. */
export async function slotPlace(locale: Locale, slot: Pick<SlotView, 'kind' | 'place' | 'host'>): Promise<SlotPlace> {
  const t = (await translatorFor(locale, 'booking')) as unknown as Loose;
  if (slot.kind === 'office' && slot.place) {
    const offices = (await translatorFor(locale, 'guide.offices')) as unknown as Loose & { has(key: string): boolean };
    if (offices.has(`${slot.place}.name`)) {
      return { title: offices(`${slot.place}.name`), address: offices(`${slot.place}.address`), lines: [offices(`${slot.place}.hours`)] };
    }
    return { title: slot.place, lines: [] };
  }
  if (slot.kind === 'community') {
    return { title: slot.place ?? '', lines: slot.host ? [t('slot.host', { host: slot.host })] : [] };
  }
  return { title: t('slot.videoPlace'), lines: [] };
}

export async function slotText(locale: Locale, slot: SlotView): Promise<SlotText> {
  const t = (await translatorFor(locale, 'booking')) as unknown as Loose;
  return {
    id: slot.id,
    kind: slot.kind,
    kindLabel: t(`kinds.${slot.kind}`),
    dayKey: seoulDay(slot.startsAt),
    day: formatDay(locale, slot.startsAt),
    time: formatTimeRange(locale, slot.startsAt, slot.endsAt),
    duration: formatMinutes(locale, slot.minutes),
    languages: languageList(locale, slot.languages),
    interpreter: slot.interpreter,
    place: await slotPlace(locale, slot),
    free: t('slot.free', { count: slot.free }),
  };
}

export function slotTexts(locale: Locale, slots: readonly SlotView[]): Promise<SlotText[]> {
  return Promise.all(slots.map((s) => slotText(locale, s)));
}

/** Slots grouped by their Korean day, in order. */
export function byDay(texts: readonly SlotText[]): Array<{ dayKey: string; day: string; slots: SlotText[] }> {
  const groups: Array<{ dayKey: string; day: string; slots: SlotText[] }> = [];
  for (const s of texts) {
    const last = groups.at(-1);
    if (last && last.dayKey === s.dayKey) last.slots.push(s);
    else groups.push({ dayKey: s.dayKey, day: s.day, slots: [s] });
  }
  return groups;
}


/** The examples the booking form shows: the demo's style of numbers, never a real person's. */
export const IDENTITY_EXAMPLES = { registrationNumber: '960412-6123456', cardSerial: 'RC123456789' } as const;
