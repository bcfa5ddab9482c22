// The production server (npm start, the journeys, the benches): Next.js's
// own request handler for every request, except POST
// /api/presentations/verify, which lib/presentation's Node handler answers
// before the framework's per-request pipeline. Same contract, limits and
// answers as the route handler app/api/presentations/verify (which serves
// it under `next dev`); on the 2-core development machine this took the
// endpoint from 0.14 to about 0.9 of raw jose's ES256 rate one at a time.
// Its signature checks run on a worker thread (ARC_VERIFY_THREADS,
// scripts/signature-threads.ts), where jose's promises do not pay for the
// framework's async context tracking: with it, about 0.9 of a bare Node
// HTTP + jose server and 0.5 of jose with as many checks in flight as the
// load has connections (verify_throughput_ratio, npm run bench).
//   PORT=3000 NEXT_DIST_DIR=.next tsx scripts/server.ts
//
// Several processes (node:cluster, issue 13), on PostgreSQL only:
// ARC_WORKERS=N (or `auto`: one per core) forks N worker processes that
// share the port (the primary hands out connections in turn), each a whole
// server as above. Instances share everything through the database (each
// worker LISTENs for the status list's NOTIFY, so its status view is right;
// housekeeping and checkpoints run once across them by their own locks).
// The embedded database opens in one process only: ARC_WORKERS above 1
// there is refused with one line and served by one process. The default is
// one process: on the 2-core development machine two workers measured no
// faster than one (verify_throughput_ratio). The first worker starts alone
// (migrations, a demo seed on a first start), the others once it listens; a
// worker that dies is forked again.
//
// Every other request waits its turn when ARC_MAX_IN_FLIGHT (32) are in
// progress (scripts/admission.ts): Node accepts one new connection per turn
// of its event loop, and a turn that runs hundreds of requests' work left
// new connections unaccepted for 20-30 s under load (load_direct).
//
// Requests Next.js cannot read — a path with broken percent-encoding, TRACE,
// a page form that is not the multipart it says, an action call whose
// arguments cannot be decoded — get 400 or 405, not its 500
// (scripts/unreadable.ts).
//
// Both handlers share one AppContext and one set of presentation deps: each
// is cached on globalThis under a Symbol.for key (lib/context,
// lib/presentation/runtime.ts), so the database handle, the signing keys and
// the in-process status view are the same objects for both.
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import next from 'next';
import { getAppContext } from '@/lib/context';
import { describeForLog } from '@/lib/errors';
import { getPresentationDeps, isVerifyRequest, serveVerify, type PresentationDeps } from '@/lib/presentation';
import { scheduleHousekeeping } from '@/lib/housekeeping';
import { flushGuideViews } from '@/lib/analytics';
import { checkStaticBuild } from './static-build';
import { createAdmission, whenBodyArrived } from './admission';
import { createSignatureThreads } from './signature-threads';
import { watchForEmptyNotFound } from './not-found-shell';
import { answerClientError, answerUnreadable, isPageFormPost, isReadableForm, refuseUndecodableActionCalls, serverErrorBody, unreadable } from './unreadable';
import { asPartOf, guardConsole, withRequestId } from './request-log';
import { watchApiRefusals } from './api-answers';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;

/** How many worker processes: ARC_WORKERS (a number, or auto: one per core), else one. */
function workerCount(): number {
  const onPostgres = !!process.env.DATABASE_URL;
  const given = process.env.ARC_WORKERS?.trim();
  const wanted = !given ? 1 : given === 'auto' ? os.availableParallelism() : Number(given);
  if (!Number.isInteger(wanted) || wanted < 1) {
    console.error(`ARC_WORKERS must be auto or a whole number of processes, 1 or more (got "${given}").`);
    process.exit(1);
  }
  if (wanted > 1 && !onPostgres) {
    console.error(`ARC_WORKERS=${wanted} ignored: the embedded database opens in one process only; serving with one (use PostgreSQL for several).`);
    return 1;
  }
  return wanted;
}

/** A whole number from the environment, or the default; anything else stops the server with one line. */
function wholeNumber(name: string, fallback: number, least: number, what: string): number {
  const given = process.env[name]?.trim();
  const n = given ? Number(given) : fallback;
  if (!Number.isInteger(n) || n < least) {
    console.error(`${name} must be a whole number of ${what}, ${least} or more (got "${given}").`);
    process.exit(1);
  }
  return n;
}

/**
 * How many requests one process handles at a time (ARC_MAX_IN_FLIGHT); the
 * rest wait in line (scripts/admission.ts). Enough to keep the database
 * busy while others render; few enough that a turn of the event loop stays
 * short and new connections are accepted at once.
 */
const maxInFlight = () => wholeNumber('ARC_MAX_IN_FLIGHT', 32, 1, 'requests');

/**
 * How many threads check the verify fast path's signatures (ARC_VERIFY_THREADS,
 * scripts/signature-threads.ts): 0 checks them on the main thread.
 */
const verifyThreads = () => wholeNumber('ARC_VERIFY_THREADS', 1, 0, 'threads');

const signatureThreadCount = verifyThreads();
const workers = cluster.isPrimary ? workerCount() : 1;
if (cluster.isPrimary && workers > 1) await runPrimary(workers);
else await serve();

async function runPrimary(count: number): Promise<void> {
  let stopping = false;
  const fork = () =>
    cluster.fork().on('exit', (code, signal) => {
      if (stopping) return;
      console.error(JSON.stringify({ level: 'error', where: 'server', code: 'worker_exited', exitCode: code, signal }));
      fork();
    });
  // The first alone (it migrates, and seeds a demo on a first start), then the rest.
  await new Promise<void>((resolve, reject) => {
    const first = fork();
    first.once('listening', () => resolve());
    first.once('exit', (code) => reject(new Error(`the first worker exited (${code}) before it listened`)));
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  for (let i = 1; i < count; i++) fork();
  console.log(`ARC Mobile: ${count} worker processes on port ${port}`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 100);
    setTimeout(() => process.exit(0), 10_000).unref();
    check.unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function serve(): Promise<void> {
  // The database first (migrations, a demo seed on a first start): whether this
  // server is the demo decides whether the build's prerendered pages fit it.
  const context = await getAppContext();
  const built = checkStaticBuild(path.resolve(process.env.NEXT_DIST_DIR || '.next'), { demo: context.demo, origin: context.config.origins[0] });
  if (built.warn) console.warn(built.warn);
  if (built.refuse) {
    console.error(built.refuse);
    await context.database.close().catch(() => {});
    process.exit(1);
  }
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  await app.prepare();
  const handle = app.getRequestHandler();

  const admission = createAdmission(maxInFlight());
  const signatures = signatureThreadCount > 0 ? createSignatureThreads(signatureThreadCount) : null;
  let fastDeps: Promise<PresentationDeps> | null = null;
  const verifyDeps = (): Promise<PresentationDeps> =>
    (fastDeps ??= getPresentationDeps().then(
      (deps) => (signatures ? { ...deps, checkSignature: signatures.check } : deps),
      (error: unknown) => {
        fastDeps = null;
        throw error;
      },
    ));
  // Next's own log lines during a request: as JSON with the request's id, without their message text
  // (scripts/request-log.ts).
  guardConsole();
  const server = http.createServer((req, res) => withRequestId(req, () => {
    // This server is reached directly or through deploy/nginx.conf, which passes the Host it was
    // asked for: a forwarded host can only be a client's own header. Next.js trusted it over the
    // Host when it checks a server action's origin, and refused the action with a 500.
    delete req.headers['x-forwarded-host'];
    // A path with broken percent-encoding, or TRACE: Next.js answered 500 (scripts/unreadable.ts).
    const problem = unreadable(req);
    if (problem) return answerUnreadable(req, res, problem);
    // A verification takes tens of microseconds of this thread (its signature is checked on a
    // signature thread): it does not lengthen a turn of the loop, and does not wait in line.
    if (isVerifyRequest(req)) return serveVerify(req, res, verifyDeps, serverErrorBody);
    // A server action call whose arguments Next.js cannot decode: its 500 goes out as 400.
    refuseUndecodableActionCalls(req, res, (line) => console.warn(line));
    const admit = () =>
      admission.admit(req, res, () =>
        // Started by another request's end, perhaps: this request's id again (request-log.ts).
        asPartOf(req, () => {
          // Next.js answers notFound() with an empty document (scripts/not-found-shell.ts), and refuses a
          // method or an address under /api with no JSON body (scripts/api-answers.ts).
          watchForEmptyNotFound(req, res, { demo: context.demo });
          watchApiRefusals(req, res, serverErrorBody);
          return handle(req, res).catch((error: unknown) => {
            // Code and class only: a driver's message can carry SQL and its parameters.
            console.error(JSON.stringify({ level: 'error', where: 'server', ...describeForLog(error) }));
            if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
            res.end();
          });
        }),
      );
    // The body first (read ahead, put back): a slow upload waits outside the line. A form posted
    // to a page that is not the multipart it says: 400 (Next.js threw parsing it, a 500). A post to
    // a page over the read-ahead's 1 MB, which is also Next's limit for a server action's body: 413
    // (Next.js knew it was a 413 and answered 500). Route handlers under /api apply their own limits.
    whenBodyArrived(req, (body) =>
      asPartOf(req, () => {
        const toPage = req.method === 'POST' && !(req.url ?? '').startsWith('/api/');
        if (body === null && toPage) return answerUnreadable(req, res, { status: 413, code: 'payload_too_large' });
        if (!body || !isPageFormPost(req)) return admit();
        void isReadableForm(req.headers['content-type']!, body).then((readable) =>
          readable ? admit() : answerUnreadable(req, res, { status: 400, code: 'bad_request' }),
        );
      }),
    );
  }));
  // What Node's own parser refuses (an unknown method, raw bytes in the request line): the one error body.
  server.on('clientError', answerClientError);
  // Behind a reverse proxy that keeps connections open (deploy/nginx.conf), the app must not be
  // the one to close an idle connection first: node's default 5 s let nginx send a request on a
  // connection node was closing, answered 502 (2 in 20,943 in the load run). nginx's upstream
  // keepalive_timeout (30 s) is shorter than these.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => console.log(`ARC Mobile ready on http://${hostname ?? 'localhost'}:${port}`));

  // Expired challenges, sessions, enrollments, requests and stills go on a
  // schedule that runs once across instances (lib/housekeeping).
  const stopHousekeeping = scheduleHousekeeping(context.db, context.clock, { log: (line) => console.log(line) });

  let stopping = false;
  async function stop() {
    if (stopping) return;
    stopping = true;
    stopHousekeeping();
    server.close();
    server.closeAllConnections();
    await flushGuideViews().catch(() => {});
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
}
