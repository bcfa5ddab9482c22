// The synthetic population: residents and their physical cards, drawn in the
// proportions of proportions.ts. Deterministic: the same seed, day ("as of")
// and index always give the same person, and residents [0, n) of a seed are
// the same whether generated in one run or several (--append).
//
// Registration numbers follow the foreigner format YYMMDD-GXXXXXX: the birth
// date, G = 5/6 (men/women born in the 1900s) or 7/8 (born from 2000), then
// six digits. They are unique by construction: the six digits are a keyed
// permutation of a counter per (birth date, sex), kept below 900000;
// numbers from 900000 up are reserved for the fixed demo residents.
// Card serials are unique the same way: a keyed permutation of the index,
// below 900000000; the demo cards use 9xxxxxxxx.
import { Rng, cumulative, fmix32, hashString } from './random';
import { nameListFor } from './names';
import {
  AGE_BANDS,
  BROAD_STATUSES,
  CHIP_CARDS_FROM,
  DEFAULT_AFFINITY,
  EXCLUSIVE_STATUSES,
  EXPIRED_SHARE,
  LANGUAGE_SWITCH,
  MALE_SHARE,
  NATIONALITIES,
  REGIONS,
  REISSUE_SHARE,
  RESIDENCE_STATUSES,
  STATUS_AFFINITY,
  STAY_LEFT_YEARS,
  YEARS_IN_KOREA,
  type ResidenceStatus,
} from './proportions';

export type CardKind = 'chip' | 'legacy';
export type Sex = 'F' | 'M';

export type SyntheticCard = {
  serial: string;
  kind: CardKind;
  issuedOn: string;
  expiresOn: string;
};

export type SyntheticResident = {
  /** Position in the seed's sequence; -1 for a fixed demo resident. */
  index: number;
  registrationNumber: string;
  name: string;
  phone: string;
  nationality: string;
  birthDate: string;
  sex: Sex;
  residenceStatus: string;
  region: string;
  preferredLanguage: string;
  registeredAt: string;
  card: SyntheticCard;
};

export type PopulationSpec = {
  /** Any string; the same seed gives the same people. */
  seed: string;
  /** The day the population describes (YYYY-MM-DD): ages, stays and expiries are relative to it. */
  asOf: string;
};

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;

export function isoToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Same calendar day n years later (29 Feb → 28 Feb when needed), minus `minusDays`. */
function addYears(day: number, years: number, minusDays = 0): number {
  const d = new Date(day * DAY_MS);
  const target = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  if (target.getUTCMonth() !== d.getUTCMonth()) target.setUTCDate(0);
  return Math.floor(target.getTime() / DAY_MS) - minusDays;
}

const CHIP_FROM_DAY = isoToDay(CHIP_CARDS_FROM);

// ---------------------------------------------------------------- tables

const nationalityTable = cumulative(NATIONALITIES.map((n) => n.share));
const regionTable = cumulative(REGIONS.map((r) => r.share));
const statusCodes = RESIDENCE_STATUSES.map((s) => s.code) as ResidenceStatus[];

/**
 * The joint table nationality × status: the affinities of proportions.ts,
 * fitted by iterative proportional fitting so that both the nationality
 * shares and the status shares come out as published.
 */
function fitStatusTables(): Float64Array[] {
  const rowTarget = NATIONALITIES.map((n) => n.share);
  const colTarget = RESIDENCE_STATUSES.map((s) => s.share);
  const rowSum = rowTarget.reduce((a, b) => a + b, 0);
  const colSum = colTarget.reduce((a, b) => a + b, 0);
  const m = NATIONALITIES.map((n) =>
    statusCodes.map(
      (s) => STATUS_AFFINITY[n.code]?.[s] ?? (EXCLUSIVE_STATUSES.has(s) ? 0 : (BROAD_STATUSES[s] ?? DEFAULT_AFFINITY)),
    ),
  );
  for (let iteration = 0; iteration < 200; iteration++) {
    m.forEach((row, i) => {
      const sum = row.reduce((a, b) => a + b, 0);
      const f = rowTarget[i]! / rowSum / sum;
      for (let j = 0; j < row.length; j++) row[j]! *= f;
    });
    for (let j = 0; j < statusCodes.length; j++) {
      let sum = 0;
      for (const row of m) sum += row[j]!;
      const f = colTarget[j]! / colSum / sum;
      for (const row of m) row[j]! *= f;
    }
  }
  return m.map((row) => cumulative(row));
}

const statusTables = fitStatusTables();
const ageTables = new Map(
  statusCodes.map((s) => [s, { bands: AGE_BANDS[s], table: cumulative(AGE_BANDS[s].map((b) => b[2])) }] as const),
);
const childStatuses = new Set(statusCodes.filter((s) => AGE_BANDS[s].some(([min]) => min < 14)));
const overseasKoreanStatuses = new Set<string>(['F-4', 'H-2', 'F-5']);
/** Nationalities whose overseas Koreans (Korean-Chinese, Koryo-saram) mostly read Korean. */
const overseasKoreanNationalities = new Set(['CN', 'UZ', 'KZ', 'RU', 'KG', 'UA']);

// ---------------------------------------------------------------- unique numbers

/**
 * A keyed bijection of [0, domain) onto itself: a 4-round Feistel network
 * on `bits` bits (domain ≤ 2^bits), cycle-walking until the value falls back
 * inside the domain.
 */
export function permute(value: number, domain: number, bits: number, key: number): number {
  const half = bits >>> 1;
  const lowMask = (1 << half) - 1;
  const highBits = bits - half;
  const highMask = (1 << highBits) - 1;
  let x = value;
  do {
    let l = x >>> half; // highBits wide
    let r = x & lowMask; // half wide
    for (let round = 0; round < 4; round++) {
      // Unbalanced Feistel: alternate which side is mixed, keeping widths.
      if (round % 2 === 0) l = (l ^ fmix32(r ^ key ^ (round * 0x9e3779b9))) & highMask;
      else r = (r ^ fmix32(l ^ key ^ (round * 0x9e3779b9))) & lowMask;
    }
    x = l * (1 << half) + r;
  } while (x >= domain);
  return x;
}

/** Generated registration numbers use suffixes below this; the demo residents use the rest. */
export const GENERATED_SUFFIX_LIMIT = 900_000;
/** Generated card serials use numbers below this; the demo cards use the rest. */
export const GENERATED_SERIAL_LIMIT = 900_000_000;

export function cardSerial(kind: CardKind, number: number): string {
  return `${kind === 'chip' ? 'IC' : 'RC'}${String(number).padStart(9, '0')}`;
}

/** YYMMDD-G: G from the century of birth and the sex. */
export function registrationPrefix(birthDate: string, sex: Sex): string {
  const century2000 = birthDate >= '2000-01-01';
  const g = century2000 ? (sex === 'M' ? 7 : 8) : sex === 'M' ? 5 : 6;
  return `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}-${g}`;
}

// ---------------------------------------------------------------- the generator

type Draft = Omit<SyntheticResident, 'registrationNumber'> & { birthDay: number };

/**
 * Generates the residents of one seed in order. `next()` gives resident
 * `position`; `skipTo(n)` fast-forwards (cheaply) past residents already
 * in the database, keeping the registration-number counters right.
 */
export class PopulationGenerator {
  readonly seedHash: number;
  private readonly asOfDay: number;
  private readonly counters = new Map<number, number>();
  private readonly serialKey: number;
  position = 0;

  constructor(readonly spec: PopulationSpec) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(spec.asOf) || Number.isNaN(isoToDay(spec.asOf))) {
      throw new Error(`asOf must be a date YYYY-MM-DD, not "${spec.asOf}"`);
    }
    this.seedHash = hashString(spec.seed);
    this.asOfDay = isoToDay(spec.asOf);
    this.serialKey = fmix32(this.seedHash ^ 0x5e71a1);
  }

  next(): SyntheticResident {
    const draft = this.draft(this.position++);
    const { birthDay: _, ...resident } = draft;
    return { ...resident, registrationNumber: this.registrationNumber(draft.birthDate, draft.birthDay, draft.sex) };
  }

  *take(count: number): Generator<SyntheticResident> {
    for (let i = 0; i < count; i++) yield this.next();
  }

  skipTo(position: number): void {
    if (position < this.position) throw new Error('The generator cannot go back');
    while (this.position < position) {
      const rng = new Rng(this.seedHash, this.position++);
      const { birthDay, sex } = this.drawPerson(rng);
      this.bumpCounter(birthDay, sex);
    }
  }

  private bumpCounter(birthDay: number, sex: Sex): number {
    const key = birthDay * 2 + (sex === 'M' ? 1 : 0);
    const n = this.counters.get(key) ?? 0;
    if (n >= GENERATED_SUFFIX_LIMIT) throw new Error('Too many synthetic residents born on one day');
    this.counters.set(key, n + 1);
    return n;
  }

  private registrationNumber(birthDate: string, birthDay: number, sex: Sex): string {
    const n = this.bumpCounter(birthDay, sex);
    const suffix = permute(n, GENERATED_SUFFIX_LIMIT, 20, fmix32(this.seedHash ^ (birthDay * 2 + (sex === 'M' ? 1 : 0))));
    return registrationPrefix(birthDate, sex) + String(suffix).padStart(6, '0');
  }

  /** The draws that decide birth date and sex (all a fast-forward needs), first and in a fixed order. */
  private drawPerson(rng: Rng) {
    const nationalityIndex = rng.weighted(nationalityTable);
    const status = statusCodes[rng.weighted(statusTables[nationalityIndex]!)]!;
    const ages = ageTables.get(status)!;
    const [minAge, maxAge] = ages.bands[rng.weighted(ages.table)]!;
    const age = minAge + rng.next() * (maxAge - minAge + 1);
    const birthDay = this.asOfDay - Math.floor(age * YEAR_DAYS) - 1;
    const sex: Sex = rng.chance(age < 14 ? 0.5 : (MALE_SHARE[status] ?? 0.5)) ? 'M' : 'F';
    return { nationalityIndex, status, birthDay, sex };
  }

  private draft(index: number): Draft {
    const rng = new Rng(this.seedHash, index);
    const { nationalityIndex, status, birthDay, sex } = this.drawPerson(rng);
    const nationality = NATIONALITIES[nationalityIndex]!;
    const asOf = this.asOfDay;

    // Registered in Korea some years ago, never before birth (or, in working
    // and study statuses, before the age of 16).
    const [minYears, maxYears] = YEARS_IN_KOREA[status];
    let registeredDay = asOf - Math.floor((minYears + rng.next() * (maxYears - minYears)) * YEAR_DAYS);
    const earliest = childStatuses.has(status) ? birthDay + 30 : addYears(birthDay, 16);
    registeredDay = Math.min(asOf, Math.max(registeredDay, earliest));

    // The current card: issued at registration, renewed every 10 years for
    // permanent residents, or reissued since (status change, loss).
    let issuedDay = registeredDay;
    if (status === 'F-5') while (addYears(issuedDay, 10) <= asOf) issuedDay = addYears(issuedDay, 10);
    if (rng.chance(REISSUE_SHARE)) issuedDay = rng.int(issuedDay, asOf);
    const kind: CardKind = issuedDay >= CHIP_FROM_DAY ? 'chip' : 'legacy';

    // Expiry follows the permitted stay (10-year cards for permanent residents).
    let expiresDay: number;
    const expired = rng.chance(EXPIRED_SHARE);
    if (status === 'F-5') expiresDay = addYears(issuedDay, 10, 1);
    else if (expired && asOf - 1 > issuedDay) expiresDay = Math.max(issuedDay + 1, asOf - rng.int(1, 365));
    else expiresDay = asOf + rng.int(30, Math.max(31, Math.floor(STAY_LEFT_YEARS[status] * YEAR_DAYS)));
    if (expiresDay <= issuedDay) expiresDay = issuedDay + 30;

    const region = REGIONS[rng.weighted(regionTable)]!.code;
    const preferredLanguage = this.language(rng, nationality.code, nationality.locale, status);
    const name = drawName(rng, nationality.code, sex);
    const phone = `010-${rng.int(1000, 9999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
    const serialNumber = permute(index, GENERATED_SERIAL_LIMIT, 30, this.serialKey);

    return {
      index,
      name,
      phone,
      nationality: nationality.code,
      birthDate: dayToIso(birthDay),
      birthDay,
      sex,
      residenceStatus: status,
      region,
      preferredLanguage,
      registeredAt: dayToIso(registeredDay),
      card: { serial: cardSerial(kind, serialNumber), kind, issuedOn: dayToIso(issuedDay), expiresOn: dayToIso(expiresDay) },
    };
  }

  private language(rng: Rng, nationality: string, locale: string, status: string): string {
    const x = rng.next();
    if (overseasKoreanNationalities.has(nationality) && overseasKoreanStatuses.has(status)) {
      if (x < LANGUAGE_SWITCH.overseasKoreanReadsKorean) return 'ko';
    } else if (x < LANGUAGE_SWITCH.korean) return 'ko';
    if (locale !== 'en' && rng.chance(LANGUAGE_SWITCH.english)) return 'en';
    return locale;
  }
}

function drawName(rng: Rng, nationality: string, sex: Sex): string {
  const list = nameListFor(nationality);
  const given = list.given[sex];
  if (list.noFamilyName) {
    const parts = rng.int(2, 3);
    const out: string[] = [];
    for (let i = 0; i < parts; i++) out.push(rng.pick(given));
    return out.join(' ');
  }
  const family = Array.isArray(list.family) ? list.family : (list.family as { M: string[]; F: string[] })[sex];
  return `${rng.pick(family as readonly string[])} ${rng.pick(given)}`;
}

/** `count` residents of a seed, from `start` (for tests and small tools). */
export function generateResidents(spec: PopulationSpec, count: number, start = 0): SyntheticResident[] {
  const generator = new PopulationGenerator(spec);
  generator.skipTo(start);
  return [...generator.take(count)];
}
