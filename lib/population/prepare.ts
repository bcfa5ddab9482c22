// Turning synthetic residents into database rows: personal data sealed
// (lib/registry), chip public keys from the chip simulator, explicit ids.
// This is most of the seed's CPU time, so it can run in a worker thread
// (prepare-worker.ts) while the main thread writes the previous chunk.
import type { DataKeys } from '@/lib/security';
import { sealPersonalData } from '@/lib/registry';
import { chipSimulatorPublicKeySpki, chipSimulatorSecretFromSeed } from './chip-simulator';
import { DEMO_RESIDENTS } from './demo';
import { PopulationGenerator, type SyntheticResident } from './population';
import type { ResidentRow } from './writer';

export type PrepareJob = {
  seed: string;
  asOf: string;
  /** Index of the first synthetic resident (after those already in the database). */
  start: number;
  /** Synthetic residents to prepare. */
  count: number;
  /** Id of the first row. */
  firstId: number;
  /** Prepend the fixed demo residents. */
  withDemo: boolean;
  chunkSize: number;
};

export type PreparedChunk = {
  rows: ResidentRow[];
  /** Synthetic residents in this chunk (the demo residents not counted). */
  synthetic: number;
  chipCards: number;
  legacyCards: number;
};

export function* prepareChunks(job: PrepareJob, keys: DataKeys): Generator<PreparedChunk> {
  const generator = new PopulationGenerator({ seed: job.seed, asOf: job.asOf });
  generator.skipTo(job.start);
  const chipSecret = chipSimulatorSecretFromSeed(job.seed);
  let nextId = job.firstId;
  let chipCards = 0;
  let legacyCards = 0;
  const prepare = (resident: Omit<SyntheticResident, 'index'>): ResidentRow => {
    const chip = resident.card.kind === 'chip';
    if (chip) chipCards++;
    else legacyCards++;
    return {
      id: nextId++,
      ...sealPersonalData(keys, resident),
      nationality: resident.nationality,
      birthDate: resident.birthDate,
      sex: resident.sex,
      residenceStatus: resident.residenceStatus,
      region: resident.region,
      preferredLanguage: resident.preferredLanguage,
      registeredAt: resident.registeredAt,
      card: {
        serial: resident.card.serial,
        kind: resident.card.kind,
        issuedOn: resident.card.issuedOn,
        expiresOn: resident.card.expiresOn,
        chipPublicKey: chip ? chipSimulatorPublicKeySpki(chipSecret, resident.card.serial) : null,
      },
    };
  };
  const take = () => {
    const counts = { chipCards, legacyCards };
    chipCards = 0;
    legacyCards = 0;
    return counts;
  };

  if (job.withDemo) {
    const rows = DEMO_RESIDENTS.map(prepare);
    yield { rows, synthetic: 0, ...take() };
  }
  for (let done = 0; done < job.count; ) {
    const size = Math.min(job.chunkSize, job.count - done);
    const rows: ResidentRow[] = new Array(size);
    for (let i = 0; i < size; i++) rows[i] = prepare(generator.next());
    done += size;
    yield { rows, synthetic: size, ...take() };
  }
}
