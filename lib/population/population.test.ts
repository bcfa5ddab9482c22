import { describe, expect, it } from 'vitest';
import { ageOn, parseRegistrationNumber, birthDateFromRegistrationNumber } from '@/lib/registry';
import { DEMO_RESIDENTS } from './demo';
import { NATIONALITIES, REGIONS, RESIDENCE_STATUSES } from './proportions';
import { GENERATED_SUFFIX_LIMIT, generateResidents, permute, type SyntheticResident } from './population';

const spec = { seed: 'test-seed', asOf: '2026-11-01' };
const N = 20_000;
const population = generateResidents(spec, N);

function share(predicate: (r: SyntheticResident) => boolean, people = population): number {
  return (people.filter(predicate).length / people.length) * 100;
}

describe('synthetic population: determinism', () => {
  it('gives the same people for the same seed', () => {
    const again = generateResidents(spec, 2000);
    expect(again).toEqual(population.slice(0, 2000));
  });

  it('gives other people for another seed', () => {
    const other = generateResidents({ ...spec, seed: 'another-seed' }, 200);
    const same = other.filter((r, i) => r.birthDate === population[i]!.birthDate && r.nationality === population[i]!.nationality);
    expect(same.length).toBeLessThan(20);
    expect(other.map((r) => r.card.serial)).not.toEqual(population.slice(0, 200).map((r) => r.card.serial));
  });

  it('gives the same residents for a slice generated on its own (append)', () => {
    const slice = generateResidents(spec, 500, 7_000);
    expect(slice).toEqual(population.slice(7_000, 7_500));
  });
});

describe('synthetic population: identifiers', () => {
  it('has unique registration numbers and card serials, never a demo one', () => {
    const numbers = new Set(population.map((r) => r.registrationNumber));
    const serials = new Set(population.map((r) => r.card.serial));
    expect(numbers.size).toBe(N);
    expect(serials.size).toBe(N);
    for (const demo of DEMO_RESIDENTS) {
      expect(numbers.has(demo.registrationNumber)).toBe(false);
      expect(serials.has(demo.card.serial)).toBe(false);
    }
  });

  it('keeps registration numbers unique among people born on the same day', () => {
    const groups = new Map<string, Set<string>>();
    for (const r of population) {
      const key = `${r.birthDate}/${r.sex}`;
      if (!groups.has(key)) groups.set(key, new Set());
      groups.get(key)!.add(r.registrationNumber);
    }
    const shared = [...groups.values()].filter((numbers) => numbers.size > 1);
    expect(shared.length).toBeGreaterThan(100);
    const total = [...groups.values()].reduce((n, numbers) => n + numbers.size, 0);
    expect(total).toBe(N);
  });

  it('draws the six digits by a keyed permutation: every suffix below 900000 once', () => {
    const seen = new Uint8Array(GENERATED_SUFFIX_LIMIT);
    for (let i = 0; i < GENERATED_SUFFIX_LIMIT; i++) {
      const v = permute(i, GENERATED_SUFFIX_LIMIT, 20, 12345);
      if (!(v >= 0 && v < GENERATED_SUFFIX_LIMIT)) throw new Error(`suffix ${v} out of range`);
      if (seen[v]) throw new Error(`suffix ${v} drawn twice`);
      seen[v] = 1;
    }
  });

  it('writes registration numbers in the foreigner format YYMMDD-GXXXXXX matching birth date and sex', () => {
    for (const r of population.slice(0, 3000)) {
      expect(r.registrationNumber).toMatch(/^\d{6}-[5-8]\d{6}$/);
      expect(parseRegistrationNumber(r.registrationNumber)).toBe(r.registrationNumber);
      expect(birthDateFromRegistrationNumber(r.registrationNumber)).toBe(r.birthDate);
      const g = Number(r.registrationNumber[7]);
      expect(g % 2 === 1 ? 'M' : 'F').toBe(r.sex);
      expect(g >= 7).toBe(r.birthDate >= '2000-01-01');
    }
  });

  it('gives phone numbers as 010-XXXX-XXXX and names in capital Roman letters', () => {
    for (const r of population.slice(0, 3000)) {
      expect(r.phone).toMatch(/^010-\d{4}-\d{4}$/);
      expect(r.name).toMatch(/^[A-Z][A-Z' -]+[A-Z]$/);
    }
  });
});

describe('synthetic population: proportions (issue 2, within tolerance on 20,000 people)', () => {
  it('follows the nationality shares', () => {
    expect(Math.abs(share((r) => r.nationality === 'CN') - 30)).toBeLessThan(1.5);
    expect(Math.abs(share((r) => r.nationality === 'VN') - 18)).toBeLessThan(1.2);
    expect(Math.abs(share((r) => r.nationality === 'NP') - 5.5)).toBeLessThan(0.7);
    expect(Math.abs(share((r) => r.nationality === 'UZ') - 4.3)).toBeLessThan(0.6);
    expect(Math.abs(share((r) => r.nationality === 'KH') - 4.1)).toBeLessThan(0.6);
    // Every listed nationality appears.
    const seen = new Set(population.map((r) => r.nationality));
    for (const n of NATIONALITIES) expect(seen.has(n.code), n.code).toBe(true);
  });

  it('follows the residence status shares', () => {
    expect(Math.abs(share((r) => r.residenceStatus === 'E-9') - 21)).toBeLessThan(1.2);
    expect(Math.abs(share((r) => r.residenceStatus === 'D-2') - 14)).toBeLessThan(1.0);
    expect(Math.abs(share((r) => r.residenceStatus === 'F-5') - 14)).toBeLessThan(1.0);
    expect(Math.abs(share((r) => r.residenceStatus === 'F-6') - 9.5)).toBeLessThan(0.9);
    const known = new Set<string>(RESIDENCE_STATUSES.map((s) => s.code));
    expect(population.every((r) => known.has(r.residenceStatus))).toBe(true);
  });

  it('ties statuses to the nationalities that hold them', () => {
    const eps = new Set(['PH', 'MN', 'LK', 'VN', 'TH', 'ID', 'UZ', 'PK', 'KH', 'CN', 'BD', 'KG', 'NP', 'MM', 'TL', 'LA']);
    expect(population.filter((r) => r.residenceStatus === 'E-9').every((r) => eps.has(r.nationality))).toBe(true);
    const overseasKoreans = population.filter((r) => r.residenceStatus === 'H-2');
    expect(overseasKoreans.every((r) => ['CN', 'UZ', 'RU', 'KZ', 'KG', 'UA'].includes(r.nationality))).toBe(true);
    const english = new Set(['US', 'CA', 'GB', 'AU', 'NZ', 'ZA']);
    const teachers = population.filter((r) => r.residenceStatus === 'E-2');
    expect(teachers.filter((r) => english.has(r.nationality)).length / teachers.length).toBeGreaterThan(0.8);
    const workers = population.filter((r) => r.residenceStatus === 'E-9');
    expect(workers.filter((r) => r.sex === 'M').length / workers.length).toBeGreaterThan(0.8);
    const brides = population.filter((r) => r.residenceStatus === 'F-6');
    expect(brides.filter((r) => r.sex === 'F').length / brides.length).toBeGreaterThan(0.7);
  });

  it('follows the regional shares', () => {
    const area = new Map<string, string>(REGIONS.map((r) => [r.code, r.area]));
    expect(Math.abs(share((r) => area.get(r.region) === 'capital') - 54)).toBeLessThan(1.5);
    expect(Math.abs(share((r) => area.get(r.region) === 'yeongnam') - 21)).toBeLessThan(1.2);
    expect(Math.abs(share((r) => area.get(r.region) === 'chungcheong') - 13)).toBeLessThan(1.0);
    expect(Math.abs(share((r) => area.get(r.region) === 'honam') - 9)).toBeLessThan(0.9);
  });

  it('is mostly 20 to 50 years old, with some children under 14', () => {
    const ages = population.map((r) => ageOn(r.birthDate, spec.asOf));
    const pct = (f: (a: number) => boolean) => (ages.filter(f).length / ages.length) * 100;
    expect(pct((a) => a >= 20 && a < 50)).toBeGreaterThan(60);
    const under14 = pct((a) => a < 14);
    expect(under14).toBeGreaterThan(3);
    expect(under14).toBeLessThan(8);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(81);
  });

  it('issues chip cards only from January 2025 and legacy cards only before', () => {
    const chip = population.filter((r) => r.card.kind === 'chip');
    const legacy = population.filter((r) => r.card.kind === 'legacy');
    expect(chip.length).toBeGreaterThan(N * 0.1);
    expect(legacy.length).toBeGreaterThan(N * 0.3);
    expect(chip.every((r) => r.card.issuedOn >= '2025-01-01')).toBe(true);
    expect(legacy.every((r) => r.card.issuedOn < '2025-01-01')).toBe(true);
    expect(chip.every((r) => r.card.serial.startsWith('IC')) && legacy.every((r) => r.card.serial.startsWith('RC'))).toBe(true);
  });

  it('dates make sense: born, then registered, then card issued, then expiring; a few cards already expired', () => {
    for (const r of population) {
      expect(r.birthDate <= r.registeredAt).toBe(true);
      expect(r.registeredAt <= r.card.issuedOn).toBe(true);
      expect(r.card.issuedOn <= spec.asOf).toBe(true);
      expect(r.card.issuedOn < r.card.expiresOn).toBe(true);
    }
    const expired = share((r) => r.card.expiresOn < spec.asOf);
    expect(expired).toBeGreaterThan(1);
    expect(expired).toBeLessThan(6);
  });

  it('prefers the language of the nationality, Korean for many overseas Koreans', () => {
    const locale = new Map(NATIONALITIES.map((n) => [n.code, n.locale]));
    expect(share((r) => r.preferredLanguage === locale.get(r.nationality))).toBeGreaterThan(70);
    const vn = population.filter((r) => r.nationality === 'VN');
    expect(vn.filter((r) => r.preferredLanguage === 'vi').length / vn.length).toBeGreaterThan(0.85);
    const koreanChinese = population.filter((r) => r.nationality === 'CN' && ['F-4', 'H-2'].includes(r.residenceStatus));
    expect(koreanChinese.filter((r) => r.preferredLanguage === 'ko').length / koreanChinese.length).toBeGreaterThan(0.6);
    const locales = new Set(population.map((r) => r.preferredLanguage));
    for (const l of ['zh-CN', 'vi', 'ne', 'uz', 'km', 'th', 'id', 'tl', 'mn', 'my', 'si', 'en', 'ru', 'kk', 'bn', 'ur', 'ja', 'lo', 'ar', 'ko']) {
      expect(locales.has(l), l).toBe(true);
    }
  });
});
