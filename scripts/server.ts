// The production server (npm start, the journeys, the benches): Next.js's
// own request handler for every request, except POST
// /api/presentations/verify, which lib/presentation's Node handler answers
// before the framework's per-request pipeline. Same contract, limits and
// answers as the route handler app/api/presentations/verify (which serves
// it under `next dev`); on the 2-core development machine this took the
// endpoint from 0.14 to about 0.9 of raw jose's ES256 rate
// (verify_throughput_ratio, npm run bench).
//   PORT=3000 NEXT_DIST_DIR=.next tsx scripts/server.ts
//
// Both handlers share one AppContext and one set of presentation deps: each
// is cached on globalThis under a Symbol.for key (lib/context,
// lib/presentation/runtime.ts), so the database handle, the signing keys and
// the in-process status view are the same objects for both.
import http from 'node:http';
import next from 'next';
import { getAppContext } from '@/lib/context';
import { describeForLog } from '@/lib/errors';
import { getPresentationDeps, isVerifyRequest, serveVerify } from '@/lib/presentation';
import { scheduleHousekeeping } from '@/lib/housekeeping';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (isVerifyRequest(req)) return serveVerify(req, res, getPresentationDeps);
  handle(req, res).catch((error: unknown) => {
    // Code and class only: a driver's message can carry SQL and its parameters.
    console.error(JSON.stringify({ level: 'error', where: 'server', ...describeForLog(error) }));
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end();
  });
});
server.listen(port, hostname, () => console.log(`ARC Mobile ready on http://${hostname ?? 'localhost'}:${port}`));

// Expired challenges, sessions, enrollments, requests and stills go on a
// schedule that runs once across instances (lib/housekeeping).
const context = await getAppContext();
const stopHousekeeping = scheduleHousekeeping(context.db, context.clock, { log: (line) => console.log(line) });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  stopHousekeeping();
  server.close();
  server.closeAllConnections();
  try {
    // Closes PGlite cleanly (and releases the data directory's lock at exit).
    await (await getAppContext()).database.close();
  } catch {
    // Not opened, or already closed.
  }
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
