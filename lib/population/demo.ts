// The demo residents: fixed people, present in every seeded (demo) database,
// for the README, the journeys and the tests. Their registration numbers
// (suffix 9xxxxx) and card serials (9xxxxxxxx) lie in ranges the generator
// never uses, so they cannot collide with synthetic residents.
//
// Staff demo accounts (officer, analyst, partner, admin) come with issue 4:
// see lib/population/extensions.ts.
import type { SyntheticResident } from './population';

export type DemoResident = Omit<SyntheticResident, 'index'> & {
  /** What the demo resident is for. */
  purpose: string;
};

/** A chip-card resident: eligible, self-issues with the card's chip (simulated). */
export const DEMO_CHIP_RESIDENT = {
  purpose: 'chip card, eligible: self-issue with the (simulated) chip',
  registrationNumber: '960412-6900001',
  name: 'NGUYEN THI LAN',
  phone: '010-2025-0101',
  nationality: 'VN',
  birthDate: '1996-04-12',
  sex: 'F',
  residenceStatus: 'F-6',
  region: 'gyeonggi',
  preferredLanguage: 'vi',
  registeredAt: '2019-06-03',
  card: { serial: 'IC900000001', kind: 'chip', issuedOn: '2025-03-17', expiresOn: '2029-03-16' },
} as const satisfies DemoResident;

/** A legacy-card resident: eligible, proves identity to an officer (in person or by video). */
export const DEMO_LEGACY_RESIDENT = {
  purpose: 'legacy card (no chip), eligible: office or video proofing',
  registrationNumber: '880923-5900002',
  name: 'ZHANG WEI',
  phone: '010-2025-0202',
  nationality: 'CN',
  birthDate: '1988-09-23',
  sex: 'M',
  residenceStatus: 'F-5',
  region: 'seoul',
  preferredLanguage: 'zh-CN',
  registeredAt: '2014-05-20',
  card: { serial: 'RC900000002', kind: 'legacy', issuedOn: '2020-05-20', expiresOn: '2030-05-19' },
} as const satisfies DemoResident;

/** Under 14 until 2029-07-01: not eligible (age), though the card is a valid chip card. */
export const DEMO_UNDER_14_RESIDENT = {
  purpose: 'under 14 (until 2029-07-01): not eligible because of age',
  registrationNumber: '150701-7900003',
  name: 'TRAN MINH KHOA',
  phone: '010-2025-0303',
  nationality: 'VN',
  birthDate: '2015-07-01',
  sex: 'M',
  residenceStatus: 'F-3',
  region: 'incheon',
  preferredLanguage: 'vi',
  registeredAt: '2018-02-12',
  card: { serial: 'IC900000003', kind: 'chip', issuedOn: '2025-08-04', expiresOn: '2028-08-03' },
} as const satisfies DemoResident;

/** A chip card that expired on 2026-02-02: not eligible because the card is no longer valid. */
export const DEMO_EXPIRED_CARD_RESIDENT = {
  purpose: 'card expired on 2026-02-02: not eligible until a new card is issued',
  registrationNumber: '900214-6900004',
  name: 'SANTOS MARIA',
  phone: '010-2025-0404',
  nationality: 'PH',
  birthDate: '1990-02-14',
  sex: 'F',
  residenceStatus: 'E-9',
  region: 'gyeongnam',
  preferredLanguage: 'tl',
  registeredAt: '2022-01-10',
  card: { serial: 'IC900000004', kind: 'chip', issuedOn: '2025-02-03', expiresOn: '2026-02-02' },
} as const satisfies DemoResident;

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  DEMO_CHIP_RESIDENT,
  DEMO_LEGACY_RESIDENT,
  DEMO_UNDER_14_RESIDENT,
  DEMO_EXPIRED_CARD_RESIDENT,
];
