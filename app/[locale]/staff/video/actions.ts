'use server';
// The video desk's two plain forms, through the one action wrapper: start
// (or open again) a booking's session, and mark a booking a no-show. Both
// officers only; failures go back to the desk with ?error=<code>.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction } from '@/app/_lib/action';
import { coreErrors } from '@/lib/errors';
import { markNoShow, startProofingSession } from '@/lib/proofing';

const input = z.object({ bookingId: z.uuid(), locale: z.string().max(10).optional() });

export const startVideoSessionAction = formAction(
  { input, staff: ['officer'], failed: ({ locale, code }) => redirect(`/${locale}/staff/video?error=${encodeURIComponent(code)}`) },
  async ({ bookingId }, { locale, app, staff }) => {
    if (!staff) throw coreErrors.create('unauthorized');
    const { sessionId } = await startProofingSession(app, { officerId: staff.staffId, bookingId });
    redirect(`/${locale}/staff/video/${sessionId}`);
  },
);

export const markNoShowAction = formAction(
  { input, staff: ['officer'], failed: ({ locale, code }) => redirect(`/${locale}/staff/video?error=${encodeURIComponent(code)}`) },
  async ({ bookingId }, { locale, app, staff }) => {
    if (!staff) throw coreErrors.create('unauthorized');
    await markNoShow(app, { officerId: staff.staffId, bookingId });
    redirect(`/${locale}/staff/video?done=no_show`);
  },
);
