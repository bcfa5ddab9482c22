// Test fixtures for enrollment and passkeys (never used by the app): residents
// with cards straight into the registry tables, a phone (software passkey
// authenticator + WebCrypto device key), deps with the SMS simulator, and
// the SMS code read back from the simulator's outbox.
import { desc, eq } from 'drizzle-orm';
import { webcrypto } from 'node:crypto';
import { cards, residents, smsOutbox, staff } from '@/db/schema';
import type { Db } from '@/db/client';
import { chipSimulatorPublicKeySpki } from '@/lib/population';
import type { Clock } from '@/lib/clock';
import { sealPersonalData } from '@/lib/registry';
import type { DataKeys } from '@/lib/security';
import { SimulatedSmsSender } from '@/lib/sms';
import { seedDemoStaff } from '@/lib/staff';
import { SoftAuthenticator, type SoftCallOptions } from '@/lib/passkeys/testing';
import type { EnrollmentDeps } from '../deps';

export const TEST_ORIGIN = 'http://localhost:3000';
export const TEST_RP_ID = 'localhost';
/** The chip simulator secret of the test population. */
export const TEST_CHIP_SECRET = Buffer.alloc(32, 42);

let clientCounter = 0;

export function testDeps(db: Db, clock: Clock, keys: DataKeys, over: Partial<EnrollmentDeps> = {}): EnrollmentDeps {
  const deps = {
    db,
    clock,
    keys,
    config: { rpId: TEST_RP_ID, origins: [TEST_ORIGIN], refuseBackupEligible: false },
    sms: new SimulatedSmsSender(keys, () => {}),
    ...over,
  } as EnrollmentDeps;
  // Unless the test names one, every call comes from a client of its own: tests do not
  // fill per-client limits by accident (lib/enrollment/limits.test.ts names its clients).
  if (over.client === undefined) {
    Object.defineProperty(deps, 'client', { enumerable: true, get: () => `198.18.${(++clientCounter >> 8) & 255}.${clientCounter & 255}` });
  }
  return deps;
}

let serialCounter = 0;
let regCounter = 0;

export type TestResident = {
  id: number;
  registrationNumber: string;
  serial: string;
  birthDate: string;
  phone: string;
};

/** A resident and their current card. Registration numbers are unique per call. */
export async function addResident(
  db: Db,
  keys: DataKeys,
  opts: { kind?: 'chip' | 'legacy'; birthDate?: string; expiresOn?: string; issuedOn?: string } = {},
): Promise<TestResident> {
  const kind = opts.kind ?? 'chip';
  const birthDate = opts.birthDate ?? '1990-05-17';
  regCounter += 1;
  const g = Number(birthDate.slice(0, 4)) >= 2000 ? 7 : 5;
  const registrationNumber = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}-${g}${String(100000 + regCounter + Math.floor(Math.random() * 800000)).slice(-6)}`;
  const phone = `010-5${String(regCounter).padStart(3, '0')}-${String(1000 + (regCounter % 9000)).padStart(4, '0')}`;
  serialCounter += 1;
  const serial = `${kind === 'chip' ? 'IC' : 'RC'}T${Date.now().toString(36).toUpperCase()}${serialCounter}`;
  const [r] = await db
    .insert(residents)
    .values({
      ...sealPersonalData(keys, { name: 'TEST RESIDENT', registrationNumber, phone }),
      nationality: 'VN',
      birthDate,
      sex: 'F',
      residenceStatus: 'E-9',
      region: 'seoul',
      preferredLanguage: 'vi',
      registeredAt: '2020-01-01',
    })
    .returning({ id: residents.id });
  await db.insert(cards).values({
    residentId: r!.id,
    serial,
    kind,
    issuedOn: opts.issuedOn ?? '2025-02-01',
    expiresOn: opts.expiresOn ?? '2030-01-31',
    chipPublicKey: kind === 'chip' ? chipSimulatorPublicKeySpki(TEST_CHIP_SECRET, serial) : null,
  });
  return { id: r!.id, registrationNumber, serial, birthDate, phone };
}

/** The demo officer's staff id (seeding the demo staff if needed). */
export async function officerId(db: Db, keys: DataKeys, clock: Clock): Promise<string> {
  const find = async () => (await db.select({ id: staff.id }).from(staff).where(eq(staff.role, 'officer')))[0]?.id;
  const found = await find();
  if (found) return found;
  await seedDemoStaff(db, keys, clock);
  return (await find())!;
}

/** The last code the SMS simulator "sent". */
export async function lastSmsCode(db: Db): Promise<string> {
  const [row] = await db.select({ body: smsOutbox.body }).from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(1);
  const code = row?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('no SMS code in the simulator outbox');
  return code;
}

export const smsText = (code: string) => `ARC Mobile code ${code}. Do not share it.`;

/** One phone: a passkey authenticator and a WebCrypto device key, as the browser module makes them. */
export class TestPhone {
  readonly authenticator: SoftAuthenticator;
  private deviceKey?: CryptoKeyPair;

  constructor(flags: ConstructorParameters<typeof SoftAuthenticator>[0] = {}) {
    this.authenticator = new SoftAuthenticator(flags);
  }

  async devicePublicKey(): Promise<JsonWebKey> {
    this.deviceKey ??= (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const jwk = await webcrypto.subtle.exportKey('jwk', this.deviceKey.publicKey);
    return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  }

  async signWithDeviceKey(challenge: string): Promise<string> {
    await this.devicePublicKey();
    const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.deviceKey!.privateKey, Buffer.from(challenge, 'base64url'));
    return Buffer.from(sig).toString('base64url');
  }

  /** navigator.credentials.create + the device key's proof, as the enrollment page sends them. */
  async register(
    options: Parameters<SoftAuthenticator['register']>[0],
    call: Partial<SoftCallOptions> = {},
    signChallenge = options.challenge,
  ) {
    const response = this.authenticator.register(options, { origin: TEST_ORIGIN, ...call });
    return { response, devicePublicKey: await this.devicePublicKey(), deviceSignature: await this.signWithDeviceKey(signChallenge) };
  }

  async unlock(options: Parameters<SoftAuthenticator['authenticate']>[0], call: Partial<SoftCallOptions> = {}, signChallenge = options.challenge) {
    const response = this.authenticator.authenticate(options, { origin: TEST_ORIGIN, ...call });
    return { response, deviceSignature: await this.signWithDeviceKey(signChallenge) };
  }
}

/** The code of the AppError a promise rejects with, or 'ok'. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (error as Error).name === 'AppError') return code;
    throw error;
  }
  return 'ok';
}
