// The security headers every answer carries (next.config.ts sets them on the
// app's pages and routes; lib/presentation's verify fast path, which answers
// before Next.js, sends the same).
//
// Permissions-Policy: the camera and the microphone for this origin only (no
// frame of another site may use them). Not per page: a policy belongs to the
// document that was loaded, and the app moves between pages without loading
// a new one (the verifier from the home page, the call from the booking
// page), so a per-page policy took the camera away from the call itself.
// Narrowing it to the scanning and calling pages needs those links to load
// a new document first.

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
  'Permissions-Policy': permissionsPolicy({ camera: true, microphone: true }),
};
