// A software WebAuthn authenticator for tests (never for production code).
//
// It stands in for a phone's platform authenticator so that integration
// tests can run real ceremonies against @simplewebauthn/server without a
// browser, and it can be told to misbehave so that each refusal is tested.
//
// What it supports:
// - ES256 only: one P-256 key pair per credential (node:crypto).
// - Registration (navigator.credentials.create): attestation format 'none',
//   authenticatorData with the AT flag, a 16-byte AAGUID (zeros), the
//   credential id and the COSE_Key (kty 2, alg -7, crv 1, x, y), hand-encoded
//   CBOR. Returns RegistrationResponseJSON as @simplewebauthn/browser does.
// - Authentication (navigator.credentials.get): discoverable credentials
//   (picks the credential stored for the RP ID when options.allowCredentials
//   is empty, or the first listed one it holds), userHandle returned, a sign
//   counter that goes up by one per assertion (or stays 0 with
//   `zeroCounter`). Returns AuthenticationResponseJSON.
// - Flags: UP, UV, BE, BS as chosen (default UP=1, UV=1, BE=0, BS=0).
// - Tampering, per call, for negative tests: `origin` (clientData origin),
//   `rpId` (hashed into authenticatorData), `type` (e.g. 'webauthn.get' in a
//   registration), `challenge` (sign a different challenge), `uv: false`,
//   `up: false`, `counter` (force a sign counter, e.g. a regression),
//   `corruptSignature`, `userHandle` (claim another user), `credentialId`
//   (use a given stored credential).
// - Several authenticators stand for several phones: make one per phone.
//
//   const phone = new SoftAuthenticator();
//   const reg = phone.register(creationOptionsJSON, { origin: 'http://localhost:3000' });
//   const auth = phone.authenticate(requestOptionsJSON, { origin: 'http://localhost:3000' });
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

export type SoftFlags = { up?: boolean; uv?: boolean; be?: boolean; bs?: boolean };

export type SoftCallOptions = SoftFlags & {
  /** The page origin the browser would report, e.g. http://localhost:3000. */
  origin: string;
  /** RP ID hashed into authenticatorData; defaults to the options' rp.id / rpId. */
  rpId?: string;
  /** clientData.type; defaults to webauthn.create / webauthn.get. */
  type?: string;
  /** Sign this challenge instead of the one in the options. */
  challenge?: string;
  /** Force the sign counter in this response. */
  counter?: number;
  corruptSignature?: boolean;
  /** Authentication: the userHandle to report (base64url). */
  userHandle?: string | null;
  /** Authentication: use this stored credential. */
  credentialId?: string;
};

export type SoftCredential = {
  id: string;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
};

// ---- a very small CBOR encoder (what attestation 'none' and COSE keys need)
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | Cbor[];

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function cborEncode(value: Cbor): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('cbor: integers only');
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cborEncode)]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cborEncode(k), cborEncode(v));
  return Buffer.concat(parts);
}

// ---- helpers
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

function flagsByte(f: Required<SoftFlags>, at: boolean): number {
  return (f.up ? 0x01 : 0) | (f.uv ? 0x04 : 0) | (f.be ? 0x08 : 0) | (f.bs ? 0x10 : 0) | (at ? 0x40 : 0);
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return cborEncode(
    new Map<Cbor, Cbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  /** Defaults for every call (a test may make a "synced" authenticator with be/bs). */
  constructor(readonly defaults: SoftFlags & { zeroCounter?: boolean } = {}) {}

  private flags(o: SoftFlags): Required<SoftFlags> {
    return {
      up: o.up ?? this.defaults.up ?? true,
      uv: o.uv ?? this.defaults.uv ?? true,
      be: o.be ?? this.defaults.be ?? false,
      bs: o.bs ?? this.defaults.bs ?? false,
    };
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
  }

  /** navigator.credentials.create(), attestation 'none'. */
  register(options: PublicKeyCredentialCreationOptionsJSON, call: SoftCallOptions): RegistrationResponseJSON {
    const rpId = call.rpId ?? options.rp.id ?? new URL(call.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = randomBytes(32);
    const cred: SoftCredential = {
      id: b64u(id),
      rpId: options.rp.id ?? rpId,
      userHandle: options.user.id,
      privateKey,
      publicKey,
      counter: 0,
    };
    const counter = call.counter ?? 0;
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(id.length, 0);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagsByte(this.flags(call), true)]),
      counterBytes(counter),
      Buffer.alloc(16), // AAGUID
      idLen,
      id,
      coseKey(publicKey),
    ]);
    const attestationObject = cborEncode(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const clientDataJSON = this.clientData(call.type ?? 'webauthn.create', call.challenge ?? options.challenge, call.origin);
    this.credentials.push(cred);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return {
      id: cred.id,
      rawId: cred.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        authenticatorData: b64u(authData),
        publicKey: b64u(spki),
        publicKeyAlgorithm: -7,
        transports: ['internal', 'hybrid'],
      },
    };
  }

  /** navigator.credentials.get(). */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, call: SoftCallOptions): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(call.origin).hostname;
    const allowed = (options.allowCredentials ?? []).map((c) => c.id);
    const cred = call.credentialId
      ? this.credentials.find((c) => c.id === call.credentialId)
      : allowed.length
        ? this.credentials.find((c) => allowed.includes(c.id))
        : [...this.credentials].reverse().find((c) => c.rpId === rpId);
    if (!cred) throw new Error('SoftAuthenticator: no credential for this request');
    if (call.counter !== undefined) cred.counter = call.counter;
    else if (!this.defaults.zeroCounter) cred.counter += 1;
    const authData = Buffer.concat([
      sha256(call.rpId ?? rpId),
      Buffer.from([flagsByte(this.flags(call), false)]),
      counterBytes(this.defaults.zeroCounter && call.counter === undefined ? 0 : cred.counter),
    ]);
    const clientDataJSON = this.clientData(call.type ?? 'webauthn.get', call.challenge ?? options.challenge, call.origin);
    const signer = createSign('sha256');
    signer.update(Buffer.concat([authData, sha256(clientDataJSON)]));
    const signature = signer.sign(cred.privateKey); // DER, as WebAuthn's ES256 wants
    if (call.corruptSignature) signature[signature.length - 1] = signature[signature.length - 1]! ^ 0xff;
    const userHandle = call.userHandle === undefined ? cred.userHandle : call.userHandle;
    return {
      id: cred.id,
      rawId: cred.id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        ...(userHandle === null ? {} : { userHandle }),
      },
    };
  }

  /** Signs arbitrary bytes with a stored credential's key (raw ECDSA, DER). */
  sign(credentialId: string, data: Uint8Array): Buffer {
    const cred = this.credentials.find((c) => c.id === credentialId);
    if (!cred) throw new Error('SoftAuthenticator: unknown credential');
    return createSign('sha256').update(data).sign(cred.privateKey);
  }
}
