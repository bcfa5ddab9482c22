// The client an attempt comes from, for per-client limits. A route handler
// or server action sees headers only, not the socket: Next's server sets
// X-Forwarded-For to the socket's address when the request has none, and
// keeps the one it has otherwise. So the first X-Forwarded-For entry is the
// client's address when a reverse proxy in front sets that header itself
// (replacing what the client sent), and the socket's address when nothing
// sits in front; a client talking to the app directly could send its own
// header and pick its bucket (README: put a proxy in front that overwrites
// X-Forwarded-For). Without any address the attempt counts in one shared
// bucket, 'unknown'.
import { isIP } from 'node:net';

export const UNKNOWN_CLIENT = 'unknown';

type HeaderSource = { get(name: string): string | null };

/** An IPv6 address's /64 (one household or phone gets a whole /64), an IPv4 address as written. */
function bucketOf(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The client's address for a per-client limit (see the file's head), or 'unknown'. */
export function clientAddressFrom(headers: HeaderSource): string {
  const candidates = [headers.get('x-forwarded-for')?.split(',')[0], headers.get('x-real-ip')];
  for (const raw of candidates) {
    const value = raw?.trim().replace(/^\[|\]$/g, '').replace(/%[\w.]+$/, '');
    if (value && value.length <= 64 && isIP(value)) return bucketOf(value);
  }
  return UNKNOWN_CLIENT;
}
