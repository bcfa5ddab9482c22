// The synthetic population: a deterministic set of residents and their
// physical cards in realistic proportions (the registry's data, seeded
// here), the fixed demo residents and the demo's extra accounts, and the
// chip simulator's secrets. Used by the demo's first start, `npm run
// db:seed`, tests and benches; never by a real install's data.
export {
  DEFAULT_SEED,
  DEFAULT_AS_OF,
  SETTING_DEMO,
  SETTING_SEED,
  GENERATOR_VERSION,
  SeedRefusedError,
  seedPopulation,
  seedIfEmpty,
  readSeed,
  chipSimulatorSecretFor,
  runDemoExtensions,
  type SeedMode,
  type SeedOptions,
  type SeedRecord,
  type SeedResult,
} from './seed';
export { generateResidents, type SyntheticResident, type SyntheticCard, type CardKind } from './population';
export {
  DEMO_RESIDENTS,
  DEMO_CHIP_RESIDENT,
  DEMO_LEGACY_RESIDENT,
  DEMO_UNDER_14_RESIDENT,
  DEMO_EXPIRED_CARD_RESIDENT,
  type DemoResident,
} from './demo';
export type { DemoExtension } from './extensions';
export {
  CHIP_SIMULATOR_KEY_FILE,
  chipSimulatorSecretFromSeed,
  chipSimulatorPublicKeySpki,
  chipPublicKeyFromSpki,
  simulateChipSignature,
  readChipSimulatorSecret,
} from './chip-simulator';
