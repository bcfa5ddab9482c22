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
// Always httpOnly, SameSite=Lax, path /; Secure when the request came over
// https (directly, or through a proxy that says so in X-Forwarded-Proto) or
// when every configured origin is https.
import { cookies, headers } from 'next/headers';
import type { NextRequest, NextResponse } from 'next/server';
import type { SessionKind } from '@/lib/security';

export const SESSION_COOKIE: Record<SessionKind, string> = {
  staff: 'arc_staff',
  resident: 'arc_resident',
};

function isSecure(forwardedProto: string | null | undefined, protocol?: string): boolean {
  const proto = forwardedProto?.split(',')[0]?.trim();
  if (proto) return proto === 'https';
  if (protocol) return protocol === 'https:';
  const origins = (process.env.ARC_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return origins.length > 0 && origins.every((o) => o.startsWith('https://'));
}

function options(secure: boolean, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: maxAgeSeconds };
}

// ---- server actions and pages

export async function readSessionCookie(kind: SessionKind): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE[kind])?.value;
}

export async function setSessionCookie(kind: SessionKind, token: string, ttlMs: number): Promise<void> {
  const secure = isSecure((await headers()).get('x-forwarded-proto'));
  (await cookies()).set(SESSION_COOKIE[kind], token, options(secure, Math.floor(ttlMs / 1000)));
}

export async function clearSessionCookie(kind: SessionKind): Promise<void> {
  const secure = isSecure((await headers()).get('x-forwarded-proto'));
  (await cookies()).set(SESSION_COOKIE[kind], '', options(secure, 0));
}

// ---- route handlers

export function sessionCookieFrom(request: NextRequest, kind: SessionKind): string | undefined {
  return request.cookies.get(SESSION_COOKIE[kind])?.value;
}

export function putSessionCookie(response: NextResponse, request: NextRequest, kind: SessionKind, token: string, ttlMs: number): void {
  const secure = isSecure(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol);
  response.cookies.set(SESSION_COOKIE[kind], token, options(secure, Math.floor(ttlMs / 1000)));
}

export function dropSessionCookie(response: NextResponse, request: NextRequest, kind: SessionKind): void {
  const secure = isSecure(request.headers.get('x-forwarded-proto'), request.nextUrl.protocol);
  response.cookies.set(SESSION_COOKIE[kind], '', options(secure, 0));
}
