// The device key, in the browser: a non-extractable ECDSA P-256 key pair
// made with WebCrypto and kept in IndexedDB. It cannot be exported or
// synced: clearing the app's data destroys it, as deleting the real app
// does. Next to it, localStorage remembers which card (credential ID) this
// phone holds, so the phone can find its card again and learn if it moved.
// No libraries; the pure parts take their WebCrypto and storage as
// arguments so they run under test in Node too.

export type DevicePublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string };

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export function toBase64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of view) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A new device key: the private half can sign but never be exported. */
export async function createDeviceKey(subtle: SubtleCrypto = crypto.subtle): Promise<CryptoKeyPair> {
  return subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
}

export async function exportDevicePublicKey(pair: CryptoKeyPair, subtle: SubtleCrypto = crypto.subtle): Promise<DevicePublicJwk> {
  const jwk = await subtle.exportKey('jwk', pair.publicKey);
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

/** The device key's signature (IEEE P1363 r||s, base64url) over the server challenge's bytes. */
export async function signChallenge(pair: CryptoKeyPair, challenge: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  return toBase64url(await subtle.sign(SIGN, pair.privateKey, fromBase64url(challenge)));
}

/** Where the key pair lives. */
export interface DeviceKeyStore {
  get(name: string): Promise<CryptoKeyPair | null>;
  put(name: string, pair: CryptoKeyPair): Promise<void>;
  delete(name: string): Promise<void>;
}

const DB_NAME = 'arc-mobile';
const STORE = 'device-keys';

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(factory: IDBFactory, mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb(factory).then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

/** The browser's IndexedDB: CryptoKey objects are stored as they are (structured clone), still non-extractable. */
export function indexedDbStore(factory: IDBFactory = indexedDB): DeviceKeyStore {
  return {
    get: async (name) => ((await run(factory, 'readonly', (s) => s.get(name))) as CryptoKeyPair | undefined) ?? null,
    put: async (name, pair) => {
      await run(factory, 'readwrite', (s) => s.put(pair, name));
    },
    delete: async (name) => {
      await run(factory, 'readwrite', (s) => s.delete(name));
    },
  };
}

/** For tests. */
export function memoryStore(): DeviceKeyStore {
  const map = new Map<string, CryptoKeyPair>();
  return {
    get: async (name) => map.get(name) ?? null,
    put: async (name, pair) => void map.set(name, pair),
    delete: async (name) => void map.delete(name),
  };
}

/** The key of the card this phone holds, and the one being made during an enrollment. */
export const CARD_KEY = 'card';
export const PENDING_KEY = 'pending';

/** A fresh key for an enrollment, kept apart until the card is issued (a failed try keeps the old card's key). */
export async function preparePendingKey(store: DeviceKeyStore, subtle: SubtleCrypto = crypto.subtle): Promise<CryptoKeyPair> {
  const pair = await createDeviceKey(subtle);
  await store.put(PENDING_KEY, pair);
  return pair;
}

/** The card was issued to this phone: the pending key becomes the card's key. */
export async function promotePendingKey(store: DeviceKeyStore): Promise<void> {
  const pending = await store.get(PENDING_KEY);
  if (!pending) throw new Error('no pending device key');
  await store.put(CARD_KEY, pending);
  await store.delete(PENDING_KEY);
}

// ---------------------------------------------------------------- the card pointer

export const CARD_STORAGE_KEY = 'arc-mobile.card';

export type RememberedCard = { credentialId: string; issuedAt: string };

/**
 * An inline script for a page rendered per request (under its nonce): before
 * the first paint it marks `<html data-no-card>` when this phone holds no card,
 * by readRememberedCard's rule, so the card page shows "no card on this phone"
 * at once instead of an unlock that changes into it after the scripts load.
 * Without JavaScript nothing is marked and the page stays as the server drew it.
 */
export const NO_CARD_MARK_SCRIPT =
  `(function(){var none=true;try{var c=JSON.parse(localStorage.getItem(${JSON.stringify(CARD_STORAGE_KEY)})||'null');` +
  `none=!c||typeof c.credentialId!=='string'}catch(e){}if(none)document.documentElement.setAttribute('data-no-card','')})()`;

export function rememberCard(card: RememberedCard, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(CARD_STORAGE_KEY, JSON.stringify(card));
}

export function readRememberedCard(storage: Pick<Storage, 'getItem'> = localStorage): RememberedCard | null {
  try {
    const value = JSON.parse(storage.getItem(CARD_STORAGE_KEY) ?? 'null') as RememberedCard | null;
    return value && typeof value.credentialId === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function forgetCard(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(CARD_STORAGE_KEY);
}
