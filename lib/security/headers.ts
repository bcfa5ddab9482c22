// The security headers every answer carries (next.config.ts sets them on the
// app's pages and routes; lib/presentation's verify fast path, which answers
// before Next.js, sends the same), and the Permissions-Policy by page: the
// camera and the microphone only where a page scans or calls.

/** Permissions-Policy: camera and microphone for this origin only when asked for; geolocation, payment, USB never. */
export function permissionsPolicy(media: { camera?: boolean; microphone?: boolean } = {}): string {
  return [
    `camera=${media.camera ? '(self)' : '()'}`,
    `microphone=${media.microphone ? '(self)' : '()'}`,
    'geolocation=()',
    'payment=()',
    'usb=()',
  ].join(', ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': permissionsPolicy(),
};
