// The nonce of this page's Content-Security-Policy, for the tags a page or
// layout writes itself (Next stamps its own). proxy.ts puts it on the request.
import { headers } from 'next/headers';
import { NONCE_HEADER } from '@/lib/security';

export async function pageNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
