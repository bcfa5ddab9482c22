// The shape of the synthetic population: who the registered foreigners of
// Korea are, in the proportions public statistics give.
//
// SOURCES (public, 2024–2025; rounded, and filled in where a table does not
// break a figure down):
//  [MOJ]  Ministry of Justice, Korea Immigration Service, 출입국·외국인정책
//         통계월보 (Immigration and Foreigner Policy Monthly Statistics),
//         December 2024 and mid-2025 issues: registered foreigners (등록외국인)
//         plus overseas Koreans' residence reports (외국국적동포 국내거소신고),
//         about 1.6 million people; tables by nationality, by residence status
//         (체류자격) and by region (시도).
//  [KIS]  Korea Immigration Service, 출입국·외국인정책 통계연보 2024 (yearbook):
//         the same by age band and sex, and nationality × residence status.
//  [KOSTAT] Statistics Korea, 2024 이민자체류실태 및 고용조사 (Survey on Immigrants'
//         Living Conditions and Labour Force) and 지역별 외국인 주민 현황
//         (Ministry of the Interior and Safety, foreign residents by region):
//         region, age and years of stay.
// Where a source gives only a total for "others", the remainder is spread over
// plausible countries or statuses; the totals named in issue 2 are kept.
import type { Locale } from '@/lib/i18n';

export type Nationality = {
  /** ISO 3166-1 alpha-2 */
  code: string;
  /** Share of registered foreigners, percent [MOJ]. */
  share: number;
  /** The ARC Mobile locale most residents of this nationality read best. */
  locale: Locale;
};

/** By nationality [MOJ Dec 2024 / mid-2025]; "China" includes Korean-Chinese (조선족). */
export const NATIONALITIES: readonly Nationality[] = [
  { code: 'CN', share: 30.0, locale: 'zh-CN' },
  { code: 'VN', share: 18.0, locale: 'vi' },
  { code: 'NP', share: 5.5, locale: 'ne' },
  { code: 'UZ', share: 4.3, locale: 'uz' },
  { code: 'KH', share: 4.1, locale: 'km' },
  { code: 'TH', share: 3.2, locale: 'th' },
  { code: 'ID', share: 3.0, locale: 'id' },
  { code: 'PH', share: 3.0, locale: 'tl' },
  { code: 'US', share: 2.6, locale: 'en' },
  { code: 'MN', share: 2.6, locale: 'mn' },
  { code: 'MM', share: 2.4, locale: 'my' },
  { code: 'LK', share: 1.9, locale: 'si' },
  { code: 'RU', share: 1.8, locale: 'ru' },
  { code: 'KZ', share: 1.3, locale: 'kk' },
  { code: 'BD', share: 1.3, locale: 'bn' },
  { code: 'KG', share: 1.0, locale: 'ru' },
  { code: 'IN', share: 1.0, locale: 'en' },
  { code: 'PK', share: 0.9, locale: 'ur' },
  { code: 'JP', share: 0.9, locale: 'ja' },
  { code: 'CA', share: 0.7, locale: 'en' },
  { code: 'LA', share: 0.6, locale: 'lo' },
  { code: 'TW', share: 0.6, locale: 'zh-CN' },
  { code: 'TL', share: 0.4, locale: 'en' },
  { code: 'UA', share: 0.4, locale: 'ru' },
  { code: 'MY', share: 0.3, locale: 'id' },
  { code: 'GB', share: 0.3, locale: 'en' },
  { code: 'AU', share: 0.3, locale: 'en' },
  { code: 'EG', share: 0.3, locale: 'ar' },
  { code: 'NG', share: 0.3, locale: 'en' },
  { code: 'TR', share: 0.2, locale: 'en' },
  { code: 'FR', share: 0.2, locale: 'en' },
  { code: 'DE', share: 0.2, locale: 'en' },
  { code: 'JO', share: 0.1, locale: 'ar' },
  { code: 'MA', share: 0.1, locale: 'ar' },
  { code: 'SA', share: 0.1, locale: 'ar' },
  // The rest of the world [MOJ "기타"], about 6%: spread over a few more
  // countries whose residents mostly read English here.
  { code: 'NZ', share: 0.6, locale: 'en' },
  { code: 'ZA', share: 0.6, locale: 'en' },
  { code: 'BR', share: 0.6, locale: 'en' },
  { code: 'MX', share: 0.6, locale: 'en' },
  { code: 'IR', share: 0.6, locale: 'en' },
  { code: 'GH', share: 0.6, locale: 'en' },
  { code: 'KE', share: 0.6, locale: 'en' },
  { code: 'IT', share: 0.6, locale: 'en' },
  { code: 'SG', share: 0.6, locale: 'en' },
  { code: 'FJ', share: 0.4, locale: 'en' },
];

/** By residence status [MOJ Dec 2024]; about 4% of "others" spread over the small statuses. */
export const RESIDENCE_STATUSES = [
  { code: 'E-9', share: 21.0 }, // non-professional employment (EPS)
  { code: 'D-2', share: 14.0 }, // study
  { code: 'F-5', share: 14.0 }, // permanent residence
  { code: 'F-4', share: 11.0 }, // overseas Korean (residence report)
  { code: 'F-6', share: 9.5 }, // marriage migrant
  { code: 'H-2', share: 5.0 }, // working visit
  { code: 'D-4', share: 4.0 }, // general training (language school)
  { code: 'E-7', share: 3.5 }, // specially designated activities (skilled)
  { code: 'F-2', share: 3.0 }, // residence
  { code: 'F-1', share: 3.0 }, // visiting and joining family
  { code: 'F-3', share: 2.0 }, // dependent family
  { code: 'E-8', share: 2.0 }, // seasonal work
  { code: 'E-10', share: 1.5 }, // crew
  { code: 'G-1', share: 1.5 }, // miscellaneous (incl. humanitarian stay)
  { code: 'E-2', share: 1.0 }, // foreign language instruction
  { code: 'D-10', share: 1.0 }, // job seeking
  { code: 'D-8', share: 0.5 }, // corporate investment
  { code: 'E-6', share: 0.8 }, // arts and entertainment
  { code: 'D-9', share: 0.4 }, // trade management
  { code: 'E-1', share: 0.3 }, // professor
] as const;

export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number]['code'];

/**
 * How likely each status is for a nationality, before the table is fitted to
 * both sets of shares (see population.ts): 1 = typical, 0.02 = rare. From
 * [KIS] nationality × status: EPS (E-9) sending countries, Korean-Chinese and
 * Koryo-saram on F-4/H-2/F-5, marriage migrants (F-6) mostly from Vietnam,
 * China, the Philippines, Cambodia and Japan, English teachers (E-2) from
 * the seven English-speaking countries, crew (E-10) from Indonesia, Vietnam
 * and Myanmar, students (D-2/D-4) from Vietnam, China, Uzbekistan, Mongolia.
 */
export const STATUS_AFFINITY: Readonly<Record<string, Partial<Record<ResidenceStatus, number>>>> = {
  CN: { 'E-9': 0.1, 'D-2': 1, 'F-5': 1, 'F-4': 1, 'F-6': 0.8, 'H-2': 1, 'D-4': 0.5, 'E-7': 0.5, 'F-2': 0.6, 'F-1': 0.8, 'D-10': 0.5, 'D-8': 0.3, 'E-1': 0.2 },
  VN: { 'E-9': 1, 'D-2': 1, 'F-5': 0.4, 'F-6': 1, 'D-4': 1, 'E-7': 0.5, 'F-2': 0.4, 'F-1': 0.5, 'E-8': 0.6, 'E-10': 0.8, 'D-10': 0.5 },
  NP: { 'E-9': 1, 'D-2': 0.5, 'D-4': 0.5, 'E-7': 0.3, 'F-6': 0.1, 'E-8': 0.3 },
  UZ: { 'E-9': 1, 'D-2': 1, 'F-4': 0.8, 'H-2': 0.5, 'F-5': 0.3, 'F-6': 0.3, 'D-4': 0.5, 'E-7': 0.4, 'E-8': 0.3 },
  KH: { 'E-9': 1, 'F-6': 0.8, 'E-8': 0.4, 'D-2': 0.1 },
  TH: { 'E-9': 1, 'F-6': 0.5, 'E-8': 0.2, 'D-2': 0.2, 'E-6': 0.3 },
  ID: { 'E-9': 1, 'E-10': 1, 'D-2': 0.3, 'E-7': 0.4, 'F-6': 0.1 },
  PH: { 'E-9': 1, 'F-6': 0.8, 'F-5': 0.3, 'E-7': 0.4, 'E-8': 0.6, 'E-6': 0.5, 'E-10': 0.4 },
  US: { 'F-4': 1, 'E-2': 1, 'F-5': 0.3, 'D-2': 0.2, 'F-6': 0.2, 'E-7': 0.4, 'F-3': 0.5, 'D-8': 0.3, 'E-1': 0.3 },
  MN: { 'E-9': 1, 'D-2': 1, 'D-4': 0.5, 'F-6': 0.3, 'E-8': 0.3, 'E-7': 0.2 },
  MM: { 'E-9': 1, 'E-10': 0.8, 'D-2': 0.2, 'G-1': 0.3 },
  LK: { 'E-9': 1, 'E-10': 0.4, 'D-2': 0.2 },
  RU: { 'F-4': 0.8, 'H-2': 0.4, 'F-5': 0.3, 'D-2': 0.4, 'E-6': 0.3, 'G-1': 0.5, 'E-7': 0.3 },
  KZ: { 'F-4': 0.8, 'H-2': 0.4, 'F-5': 0.3, 'D-2': 0.5, 'G-1': 0.5 },
  BD: { 'E-9': 1, 'D-2': 0.3, 'G-1': 0.5 },
  KG: { 'E-9': 1, 'F-4': 0.5, 'H-2': 0.2, 'E-8': 0.5, 'D-2': 0.3 },
  IN: { 'E-7': 0.6, 'D-2': 0.5, 'F-3': 0.3, 'D-8': 0.3, 'E-1': 0.3 },
  PK: { 'E-9': 1, 'G-1': 0.5, 'D-2': 0.3, 'D-9': 0.3 },
  JP: { 'F-6': 0.6, 'F-5': 0.3, 'D-2': 0.3, 'D-4': 0.2, 'F-4': 0.2, 'F-3': 0.3, 'D-8': 0.3 },
  CA: { 'F-4': 0.8, 'E-2': 1, 'F-5': 0.2 },
  LA: { 'E-9': 1, 'E-8': 0.6 },
  TW: { 'F-5': 0.8, 'F-2': 0.4, 'D-2': 0.3 },
  TL: { 'E-9': 1, 'E-8': 0.3 },
  UA: { 'F-4': 0.6, 'H-2': 0.2, 'G-1': 0.5, 'E-6': 0.2 },
  GB: { 'E-2': 1, 'E-7': 0.3 },
  AU: { 'E-2': 1, 'F-4': 0.4 },
  NZ: { 'E-2': 1, 'F-4': 0.3 },
  BR: { 'F-4': 0.3 },
  DE: { 'F-4': 0.2 },
  FR: { 'F-4': 0.1 },
  ZA: { 'E-2': 1 },
  EG: { 'G-1': 1, 'D-2': 0.3 },
  JO: { 'G-1': 0.5, 'D-2': 0.3 },
  MA: { 'G-1': 0.5, 'D-2': 0.3 },
  SA: { 'D-2': 0.5, 'G-1': 0.2 },
};

/** Every other pair is possible but rare… */
export const DEFAULT_AFFINITY = 0.02;
/**
 * …except statuses open only to some nationalities: E-9 to the 16 EPS
 * sending countries, H-2 and F-4 to overseas Koreans' countries, E-2 to
 * the English-speaking countries. For these, pairs not listed above are 0.
 */
export const EXCLUSIVE_STATUSES: ReadonlySet<ResidenceStatus> = new Set<ResidenceStatus>(['E-9', 'H-2', 'F-4', 'E-2']);
/** Statuses open to anyone, at a low but real rate. */
export const BROAD_STATUSES: Partial<Record<ResidenceStatus, number>> = {
  'F-1': 0.2,
  'F-2': 0.2,
  'F-3': 0.2,
  'D-10': 0.2,
  'G-1': 0.1,
  'E-7': 0.2,
  'D-2': 0.2,
};

export type AgeBand = readonly [minAge: number, maxAge: number, weight: number];

/**
 * Ages by residence status [KIS by age band; KOSTAT]: workers and students
 * mostly 20–40, overseas Koreans and permanent residents older, children
 * under 14 (not eligible for the mobile card) in family statuses. About 5%
 * of registered foreigners are under 14.
 */
export const AGE_BANDS: Readonly<Record<ResidenceStatus, readonly AgeBand[]>> = {
  'E-9': [[20, 29, 0.45], [30, 39, 0.45], [40, 45, 0.1]],
  'E-10': [[20, 29, 0.35], [30, 39, 0.4], [40, 49, 0.25]],
  'E-8': [[25, 39, 0.5], [40, 55, 0.5]],
  'D-2': [[19, 24, 0.5], [25, 34, 0.5]],
  'D-4': [[18, 24, 0.7], [25, 29, 0.3]],
  'D-10': [[22, 34, 1]],
  'E-7': [[25, 34, 0.45], [35, 50, 0.55]],
  'E-2': [[23, 34, 0.6], [35, 50, 0.4]],
  'E-6': [[20, 35, 1]],
  'E-1': [[35, 65, 1]],
  'D-8': [[30, 60, 1]],
  'D-9': [[28, 55, 1]],
  'F-6': [[20, 29, 0.3], [30, 39, 0.45], [40, 55, 0.25]],
  'F-5': [[0, 13, 0.1], [14, 19, 0.04], [20, 39, 0.3], [40, 59, 0.4], [60, 80, 0.16]],
  'F-4': [[0, 13, 0.05], [14, 19, 0.04], [20, 39, 0.4], [40, 59, 0.4], [60, 75, 0.11]],
  'H-2': [[25, 39, 0.2], [40, 59, 0.6], [60, 70, 0.2]],
  'F-1': [[0, 13, 0.3], [14, 19, 0.1], [20, 59, 0.4], [60, 80, 0.2]],
  'F-2': [[0, 13, 0.3], [14, 19, 0.1], [20, 59, 0.6]],
  'F-3': [[0, 13, 0.5], [14, 19, 0.2], [20, 50, 0.3]],
  'G-1': [[0, 13, 0.1], [20, 50, 0.9]],
};

/** Share of men by status [KIS by sex]: EPS and crew mostly men, marriage migrants mostly women. */
export const MALE_SHARE: Partial<Record<ResidenceStatus, number>> = {
  'E-9': 0.9,
  'E-10': 0.95,
  'E-8': 0.6,
  'F-6': 0.2,
  'H-2': 0.6,
  'E-7': 0.7,
  'F-5': 0.45,
};

/** Years lived in Korea by status, [min, max] [KOSTAT years of stay]; E-9 stays cap at 4 years 10 months. */
export const YEARS_IN_KOREA: Readonly<Record<ResidenceStatus, readonly [number, number]>> = {
  'E-9': [0, 4.8],
  'E-10': [0, 4.8],
  'E-8': [0, 0.7],
  'D-2': [0, 4],
  'D-4': [0, 2],
  'D-10': [0, 1],
  'E-7': [0, 8],
  'E-2': [0, 8],
  'E-6': [0, 2],
  'E-1': [0, 10],
  'D-8': [0, 10],
  'D-9': [0, 5],
  'F-6': [0, 12],
  'F-5': [2, 25],
  'F-4': [0, 20],
  'H-2': [0, 10],
  'F-1': [0, 5],
  'F-2': [0, 10],
  'F-3': [0, 6],
  'G-1': [0, 3],
};

/** Longest permitted stay left on the card, in years, by status (card expiry follows the stay). */
export const STAY_LEFT_YEARS: Readonly<Record<ResidenceStatus, number>> = {
  'E-9': 3,
  'E-10': 3,
  'E-8': 0.6,
  'D-2': 2,
  'D-4': 1,
  'D-10': 0.5,
  'E-7': 3,
  'E-2': 2,
  'E-6': 1,
  'E-1': 3,
  'D-8': 3,
  'D-9': 2,
  'F-6': 3,
  'F-5': 10, // permanent residence: the card itself is renewed every 10 years
  'F-4': 3,
  'H-2': 3,
  'F-1': 2,
  'F-2': 3,
  'F-3': 3,
  'G-1': 1,
};

/**
 * Regions (시도) [MOJ by region; Ministry of the Interior foreign residents
 * by region]: capital area ~54%, Yeongnam ~21%, Chungcheong ~13%, Honam ~9%,
 * Gangwon and Jeju the rest.
 */
export const REGIONS = [
  { code: 'gyeonggi', area: 'capital', share: 33.0 },
  { code: 'seoul', area: 'capital', share: 16.0 },
  { code: 'incheon', area: 'capital', share: 5.0 },
  { code: 'gyeongnam', area: 'yeongnam', share: 6.5 },
  { code: 'gyeongbuk', area: 'yeongnam', share: 5.0 },
  { code: 'busan', area: 'yeongnam', share: 3.5 },
  { code: 'daegu', area: 'yeongnam', share: 3.0 },
  { code: 'ulsan', area: 'yeongnam', share: 3.0 },
  { code: 'chungnam', area: 'chungcheong', share: 7.0 },
  { code: 'chungbuk', area: 'chungcheong', share: 4.0 },
  { code: 'daejeon', area: 'chungcheong', share: 1.5 },
  { code: 'sejong', area: 'chungcheong', share: 0.5 },
  { code: 'jeonnam', area: 'honam', share: 4.0 },
  { code: 'jeonbuk', area: 'honam', share: 3.0 },
  { code: 'gwangju', area: 'honam', share: 2.0 },
  { code: 'gangwon', area: 'gangwon', share: 1.5 },
  { code: 'jeju', area: 'jeju', share: 1.5 },
] as const;

export type RegionCode = (typeof REGIONS)[number]['code'];
export type RegionArea = (typeof REGIONS)[number]['area'];

/** Residents who read Korean or English rather than their nationality's language [KOSTAT language use]. */
export const LANGUAGE_SWITCH = {
  /** Korean-Chinese and other overseas Koreans on F-4, H-2 or F-5 mostly read Korean best. */
  overseasKoreanReadsKorean: 0.7,
  /** Of everyone else, this share prefers Korean… */
  korean: 0.06,
  /** …and this share English (when it is not already their language). */
  english: 0.04,
};

/** IC-chip cards are issued from this day; earlier cards have no chip [MOJ, 2024-12 notice]. */
export const CHIP_CARDS_FROM = '2025-01-01';
/** Share of residents whose card was reissued since registration (status change, loss, renewal). */
export const REISSUE_SHARE = 0.25;
/** Share of cards already past their expiry on the day of the seed (stay ended or not yet renewed). */
export const EXPIRED_SHARE = 0.03;
