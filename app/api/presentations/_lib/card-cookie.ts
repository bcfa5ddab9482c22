// The cookie naming the card open on this phone (the unlock's session token
// and the credential ID), set by the unlock and read by the card's pages.
import type { NextRequest, NextResponse } from 'next/server';
import { isHttps } from '@/app/_lib/route';

export const CARD_COOKIE = 'arc_card';

export function setCardCookie(response: NextResponse, request: NextRequest, value: string, maxAgeMs: number): void {
  response.cookies.set(CARD_COOKIE, value, {
    httpOnly: true,
    // Strict: the open card is never sent along with a request another site starts.
    sameSite: 'strict',
    secure: isHttps(request),
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  });
}
