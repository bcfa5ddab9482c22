// presentation_token_bytes: the size of the largest presentation token, in
// bytes — the "full card" profile signed for every resident of the default
// synthetic population (their real names, nationalities, visas, numbers and
// card dates), each with the highest status-list index (the most digits),
// under the status list URL of ARC_ORIGINS (or http://localhost:3000).
// Goal (issue 5): ≤ 450 bytes, so the QR code is version 16 or lower at
// error correction M; the QR version of the largest token is reported too.
import { fixedClock } from '@/lib/clock';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateResidents } from '@/lib/population';
import { generateSigningKey, MAX_TOKEN_BYTES, qrVersion, signPresentationToken } from '@/lib/presentation';
import { LIST_SIZE } from '@/lib/status';
import { registerFigure } from './registry';

const RESIDENTS = Number(process.env.ARC_BENCH_TOKEN_RESIDENTS ?? 50_000);

registerFigure({
  name: 'presentation_token_bytes',
  unit: 'bytes',
  description: `largest presentation token (full profile) over ${RESIDENTS.toLocaleString('en')} synthetic residents (goal ≤ 450 bytes, QR ≤ version 16 at M)`,
  async run() {
    const origin = (process.env.ARC_ORIGINS ?? '').split(',')[0]?.trim() || 'http://localhost:3000';
    const { key } = await generateSigningKey();
    const clock = fixedClock(`${DEFAULT_AS_OF}T03:00:00Z`);
    const population = generateResidents({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF }, RESIDENTS);
    const sizes: Record<'full' | 'identity' | 'age19', number[]> = { full: [], identity: [], age19: [] };
    let largest = { bytes: 0, token: '', nameLength: 0 };
    for (const r of population) {
      const holder = {
        name: r.name,
        nationality: r.nationality,
        residenceStatus: r.residenceStatus,
        birthDate: r.birthDate,
        registrationNumber: r.registrationNumber,
        validUntil: r.card.expiresOn,
      };
      for (const profile of ['full', 'identity', 'age19'] as const) {
        // Only the full profile for everyone; the others on a sample (they are strictly smaller).
        if (profile !== 'full' && r.index % 50 !== 0) continue;
        const { token } = await signPresentationToken({ origin, key }, clock, { holder, statusIndex: LIST_SIZE - 1, profile });
        const bytes = Buffer.byteLength(token);
        sizes[profile].push(bytes);
        if (bytes > largest.bytes) largest = { bytes, token, nameLength: r.name.length };
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      value: largest.bytes,
      goal_bytes: MAX_TOKEN_BYTES,
      qr_version_at_M: qrVersion(largest.token),
      largest_name_chars: largest.nameLength,
      full_median_bytes: median(sizes.full),
      identity_max_bytes: Math.max(...sizes.identity),
      age19_max_bytes: Math.max(...sizes.age19),
      residents: population.length,
      status_list_origin: origin,
    };
  },
});
