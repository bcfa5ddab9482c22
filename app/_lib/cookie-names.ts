// The one place that names the app's cookies on the wire (issue 13, point 4).
//
// Every cookie the app sets is named arc_* in the code (arc_staff,
// arc_resident, arc_card, arc_enroll, arc_form, arc_c). Over https it is sent
// as __Host-arc_*: the browser then keeps it only if it is Secure, has Path=/
// and no Domain, so no other host (a sibling subdomain, a plain-http page on
// the network) can plant or overwrite it. Browsers refuse __Host- cookies
// from plain http (the journeys' http://localhost, a laptop's npm start), so
// there the plain name is used.
//
// Reading: proxy.ts (pages, server actions) and the route wrapper (route
// handlers) call normaliseRequestCookies first, so the code reads plain
// names whatever the scheme. Over https only the __Host- cookies count (a
// plain arc_* cookie could have been planted from elsewhere and is ignored);
// over http only the plain ones exist.
//
// Flags, set by the callers through cookieOptions: HttpOnly always, Path=/,
// no Domain, Secure over https, SameSite=Lax by default (the session must
// survive a top-level link from another site — a booking link in an SMS or
// an e-mail opening the booking page signed in — while a POST, a frame or a
// fetch from another site carries none; state changes are also refused by
// the Origin check). The open card's cookie is Strict (app/api/presentations/_lib/card-cookie.ts).
import type { NextRequest } from 'next/server';

const HOST_PREFIX = '__Host-';
const OURS = /^arc_[a-z_]+$/;

/** Whether a request came over https: directly, or through a proxy that says so in X-Forwarded-Proto. */
export function requestIsHttps(forwardedProto: string | null | undefined, protocol?: string): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim();
  if (proto) return proto === 'https';
  if (protocol) return protocol === 'https:';
  // No scheme known (a server action's headers): https when every configured origin is.
  const origins = (process.env.ARC_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length > 0 && origins.every((o) => o.startsWith('https://'));
}

/** A NextRequest's scheme. */
export function isHttpsRequest(request: NextRequest): boolean {
  return requestIsHttps(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol);
}

/** The name a cookie of ours goes out under: __Host-arc_x over https, arc_x over http. */
export function cookieName(name: string, https: boolean): string {
  if (!OURS.test(name)) throw new Error(`cookieName: not one of the app's cookies: ${name}`);
  return https ? HOST_PREFIX + name : name;
}

export type CookieFlags = { maxAge: number; sameSite?: 'lax' | 'strict'; httpOnly?: boolean };

/** The attributes every cookie of ours carries (Path=/ and no Domain, as __Host- requires). */
export function cookieOptions(https: boolean, flags: CookieFlags) {
  return {
    httpOnly: flags.httpOnly ?? true,
    sameSite: flags.sameSite ?? ('lax' as const),
    secure: https,
    path: '/',
    maxAge: Math.max(0, Math.floor(flags.maxAge)),
  };
}

type CookieJar = {
  getAll(): Array<{ name: string; value: string }>;
  set(name: string, value: string): unknown;
  delete(name: string): unknown;
};

/**
 * Rewrites a request's cookies so the code reads plain names: over https,
 * __Host-arc_x becomes arc_x and any plain arc_x sent alongside is dropped;
 * over http, __Host- cookies (which no browser sends there) are dropped.
 */
export function normaliseCookieJar(jar: CookieJar, https: boolean): void {
  const all = jar.getAll();
  for (const { name } of all) {
    if (OURS.test(name) && https) jar.delete(name);
    if (name.startsWith(HOST_PREFIX) && OURS.test(name.slice(HOST_PREFIX.length)) && !https) jar.delete(name);
  }
  if (!https) return;
  for (const { name, value } of all) {
    if (!name.startsWith(HOST_PREFIX)) continue;
    const plain = name.slice(HOST_PREFIX.length);
    if (!OURS.test(plain)) continue;
    jar.delete(name);
    jar.set(plain, value);
  }
}

export function normaliseRequestCookies(request: NextRequest): void {
  normaliseCookieJar(request.cookies, isHttpsRequest(request));
}
