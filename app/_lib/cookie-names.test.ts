import { describe, expect, it } from 'vitest';
import { NextRequest, NextResponse } from 'next/server';
import { cookieName, cookieOptions, isHttpsRequest, normaliseRequestCookies } from './cookie-names';
import { putSessionCookie, sessionCookieFrom } from './session-cookie';
import { route } from './route';

const request = (url: string, cookie: string, headers: Record<string, string> = {}) => new NextRequest(url, { headers: { cookie, ...headers } });

describe('cookie names', () => {
  it('__Host- over https, the plain name over http; only the app’s own cookies', () => {
    expect(cookieName('arc_staff', true)).toBe('__Host-arc_staff');
    expect(cookieName('arc_staff', false)).toBe('arc_staff');
    expect(() => cookieName('NEXT_LOCALE', true)).toThrow();
  });

  it('the scheme: the request’s own, or the proxy’s X-Forwarded-Proto', () => {
    expect(isHttpsRequest(request('https://arc.example/en', ''))).toBe(true);
    expect(isHttpsRequest(request('http://localhost:3000/en', ''))).toBe(false);
    expect(isHttpsRequest(request('http://10.0.0.5:3000/en', '', { 'x-forwarded-proto': 'https' }))).toBe(true);
  });

  it('flags: HttpOnly, Path=/, no Domain, Secure over https, Lax unless asked for Strict', () => {
    expect(cookieOptions(true, { maxAge: 60 })).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 60 });
    expect(cookieOptions(false, { maxAge: 60, sameSite: 'strict' })).toMatchObject({ sameSite: 'strict', secure: false });
  });

  it('over https, the code reads __Host-arc_x as arc_x, and a plain arc_x (planted from elsewhere) does not count', () => {
    const r = request('https://arc.example/api/x', '__Host-arc_staff=good; arc_resident=planted; NEXT_LOCALE=vi');
    normaliseRequestCookies(r);
    expect(sessionCookieFrom(r, 'staff')).toBe('good');
    expect(sessionCookieFrom(r, 'resident')).toBeUndefined();
    expect(r.cookies.get('NEXT_LOCALE')?.value).toBe('vi');
    expect(r.cookies.has('__Host-arc_staff')).toBe(false);
    // The change is on the request's headers, which the proxy hands on to pages.
    expect(r.headers.get('cookie')).toContain('arc_staff=good');
    expect(r.headers.get('cookie')).not.toContain('planted');
  });

  it('over http, the plain names', () => {
    const r = request('http://localhost:3000/api/x', 'arc_staff=plain; __Host-arc_card=odd');
    normaliseRequestCookies(r);
    expect(sessionCookieFrom(r, 'staff')).toBe('plain');
    expect(r.cookies.has('__Host-arc_card')).toBe(false);
  });

  it('a session cookie goes out as __Host-arc_staff; Secure; HttpOnly; SameSite=Lax; Path=/ over https', () => {
    const https = request('https://arc.example/api/staff/sign-in/verify', '');
    const out = NextResponse.json({});
    putSessionCookie(out, https, 'staff', 't'.repeat(43), 60_000);
    const header = out.headers.get('set-cookie')!;
    expect(header).toMatch(/^__Host-arc_staff=t{43};/);
    expect(header).toMatch(/Secure/i);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=lax/i);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Domain/i);

    const http = NextResponse.json({});
    putSessionCookie(http, request('http://localhost:3000/api/staff/sign-in/verify', ''), 'staff', 't'.repeat(43), 60_000);
    expect(http.headers.get('set-cookie')).toMatch(/^arc_staff=/);
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('the route wrapper: a handler reads and sets plain names; the wire has __Host- over https', async () => {
    const handler = route({ noDatabase: true }, async ({ request, setCookie }) => {
      setCookie('arc_enroll', 'next', { maxAge: 60 });
      return { seen: request.cookies.get('arc_enroll')?.value ?? null };
    });
    const https = await handler(request('https://arc.example/api/x', '__Host-arc_enroll=before; arc_enroll=planted'));
    expect(await https.json()).toEqual({ seen: 'before' });
    expect(https.headers.get('set-cookie')).toMatch(/^__Host-arc_enroll=next; .*Path=\/.*Secure.*HttpOnly.*SameSite=lax/i);
    const http = await handler(request('http://localhost:3000/api/x', 'arc_enroll=before'));
    expect(await http.json()).toEqual({ seen: 'before' });
    expect(http.headers.get('set-cookie')).toMatch(/^arc_enroll=next; /);
  });
});
