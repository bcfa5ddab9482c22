// Session cookies for routes, pages and server actions (Next-side only; the
// sessions themselves live in lib/security/sessions.ts).
//
// In server actions and pages (next/headers):
//   const token = await readSessionCookie('resident');
//   await setSessionCookie('resident', token, RESIDENT_SESSION_TTL_MS);   // actions only
//   await clearSessionCookie('resident');                                // actions only
// In route handlers (request in, response out; testable without Next):
//   const token = sessionCookieFrom(request, 'staff');
//   putSessionCookie(response, request, 'staff', token, STAFF_SESSION_TTL_MS);
//   dropSessionCookie(response, request, 'staff');
//
// Names and flags: app/_lib/cookie-names.ts (__Host-arc_* over https,
// arc_* over http; HttpOnly, SameSite=Lax, Path=/, Secure over https). Reads
// use the plain names: proxy.ts and the route wrapper normalise the request.
import { cookies, headers } from 'next/headers';
import type { NextRequest, NextResponse } from 'next/server';
import type { SessionKind } from '@/lib/security';
import { cookieName, cookieOptions, isHttpsRequest, requestIsHttps } from './cookie-names';

export const SESSION_COOKIE: Record<SessionKind, string> = {
  staff: 'arc_staff',
  resident: 'arc_resident',
};

function options(https: boolean, maxAgeSeconds: number) {
  return cookieOptions(https, { maxAge: maxAgeSeconds });
}

// ---- server actions and pages

export async function readSessionCookie(kind: SessionKind): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE[kind])?.value;
}

export async function setSessionCookie(kind: SessionKind, token: string, ttlMs: number): Promise<void> {
  const https = requestIsHttps((await headers()).get('x-forwarded-proto'));
  (await cookies()).set(cookieName(SESSION_COOKIE[kind], https), token, options(https, Math.floor(ttlMs / 1000)));
}

export async function clearSessionCookie(kind: SessionKind): Promise<void> {
  const https = requestIsHttps((await headers()).get('x-forwarded-proto'));
  (await cookies()).set(cookieName(SESSION_COOKIE[kind], https), '', options(https, 0));
}

// ---- route handlers

export function sessionCookieFrom(request: NextRequest, kind: SessionKind): string | undefined {
  return request.cookies.get(SESSION_COOKIE[kind])?.value;
}

export function putSessionCookie(response: NextResponse, request: NextRequest, kind: SessionKind, token: string, ttlMs: number): void {
  const https = isHttpsRequest(request);
  response.cookies.set(cookieName(SESSION_COOKIE[kind], https), token, options(https, Math.floor(ttlMs / 1000)));
}

export function dropSessionCookie(response: NextResponse, request: NextRequest, kind: SessionKind): void {
  const https = isHttpsRequest(request);
  response.cookies.set(cookieName(SESSION_COOKIE[kind], https), '', options(https, 0));
}
