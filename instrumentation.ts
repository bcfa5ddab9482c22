// Opens, migrates and (on first start) seeds the database before the server
// takes requests, so the first visitor does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getAppContext } = await import('@/lib/context');
  try {
    const app = await getAppContext();
    // Registers this instance's signing key (and refuses a server database without ARC_SIGNING_KEY).
    await (await import('@/lib/presentation')).getPresentationDeps();
    // Seals audit checkpoints now and whenever one is due (refuses a server database without ARC_AUDIT_KEY).
    await (await import('@/lib/audit')).startCheckpointSealer(app);
  } catch (error) {
    // A locked data directory or a missing key: say so plainly and stop.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
