// The cookie naming the card open on this phone (the unlock's session token
// and the credential ID), set by the unlock and read by the card's pages.
import type { NextRequest, NextResponse } from 'next/server';
import { cookieName, cookieOptions, isHttpsRequest } from '@/app/_lib/cookie-names';

export const CARD_COOKIE = 'arc_card';

export function setCardCookie(response: NextResponse, request: NextRequest, value: string, maxAgeMs: number): void {
  const https = isHttpsRequest(request);
  // Strict: the open card is never sent along with a request another site starts.
  response.cookies.set(cookieName(CARD_COOKIE, https), value, cookieOptions(https, { sameSite: 'strict', maxAge: maxAgeMs / 1000 }));
}
