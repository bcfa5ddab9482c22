// The demo's published appointment times (issue 10): a believable three
// weeks from the day the demo first starts — video checks on weekdays in
// several languages (one seat each), office visits at the Seoul and Incheon
// offices, and one community day at an association's centre in Ansan —
// all by the demo officer. Rows written straight into `slots`, as the rest
// of the demo data is (lib/proofing reads and books them).
import { and, asc, eq } from 'drizzle-orm';
import { slots, staff } from '@/db/schema';
import type { Executor } from '@/db/client';
import { seoulDay, type Clock } from '@/lib/clock';

/** 'YYYY-MM-DD' + 'HH:MM' in Korea (UTC+9, no daylight saving) as an instant. */
function seoul(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+09:00`);
}

const VIDEO_LANGUAGES: string[][] = [
  ['ko', 'en', 'zh-CN'],
  ['ko', 'vi', 'th'],
  ['ko', 'ru', 'uz', 'kk'],
  ['ko', 'en', 'ne', 'bn'],
  ['ko', 'id', 'tl', 'my'],
  ['ko', 'zh-CN', 'ja', 'mn'],
  ['ko', 'km', 'lo', 'si'],
  ['ko', 'ur', 'ar', 'en'],
];
const VIDEO_TIMES = ['09:30', '10:00', '10:30', '11:00', '14:00', '14:30', '15:00', '16:00'];

export const DEMO_COMMUNITY_DAY = {
  place: 'Ansan Global Village Center, 2nd floor hall (Wongok-dong, Danwon-gu, Ansan)',
  host: 'Ansan Migrant Community Association',
} as const;

/** Seeds the slots; returns how many. Does nothing without an active officer. */
export async function seedDemoSlots(tx: Executor, clock: Clock): Promise<number> {
  const [officer] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'officer'), eq(staff.status, 'active')))
    .orderBy(asc(staff.createdAt))
    .limit(1);
  if (!officer) return 0;
  const now = clock.now();
  const today = seoulDay(now);
  const values: Array<typeof slots.$inferInsert> = [];
  let communityDay = false;
  for (let d = 1; d <= 21; d++) {
    const day = seoulDay(new Date(seoul(today, '12:00').getTime() + d * 86_400_000));
    const weekday = seoul(day, '12:00').getUTCDay();
    if (weekday >= 1 && weekday <= 5) {
      VIDEO_TIMES.forEach((time, i) => {
        values.push({
          kind: 'video',
          startsAt: seoul(day, time),
          minutes: 20,
          capacity: 1,
          languages: VIDEO_LANGUAGES[(i + d) % VIDEO_LANGUAGES.length]!,
          // The last call of the day can bring in an interpreter for any language.
          interpreter: i === VIDEO_TIMES.length - 1,
          officerId: officer.id,
          createdAt: now,
        });
      });
      const office = weekday % 2 === 1 ? 'seoul' : 'incheon';
      for (const time of ['10:00', '14:00']) {
        values.push({
          kind: 'office',
          startsAt: seoul(day, time),
          minutes: 60,
          capacity: 6,
          languages: office === 'seoul' ? ['ko', 'en', 'zh-CN'] : ['ko', 'en', 'vi'],
          interpreter: true,
          place: office,
          officerId: officer.id,
          createdAt: now,
        });
      }
    } else if (weekday === 6 && d > 7 && !communityDay) {
      communityDay = true;
      for (const time of ['10:00', '11:00', '13:00', '14:00', '15:00']) {
        values.push({
          kind: 'community',
          startsAt: seoul(day, time),
          minutes: 60,
          capacity: 8,
          languages: ['ko', 'vi', 'zh-CN', 'uz', 'ru', 'ne'],
          interpreter: true,
          place: DEMO_COMMUNITY_DAY.place,
          host: DEMO_COMMUNITY_DAY.host,
          officerId: officer.id,
          createdAt: now,
        });
      }
    }
  }
  if (values.length) await tx.insert(slots).values(values);
  return values.length;
}
