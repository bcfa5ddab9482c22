// One id per request, and log lines that carry it and nothing a person typed.
//
// The production server (scripts/server.ts) gives each request an id as it
// arrives (`withRequestId`), under REQUEST_ID_HEADER, overwriting anything a
// client sent by that name; the route and action wrappers log with that same
// id. `guardConsole` then stands between Next.js and the log: a line Next
// writes while it handles a request (its "⨯ SyntaxError: Unexpected token
// 'N', "NGUYEN THI"…", the BigInt error quoting a registration number typed
// into an action's arguments, a client's X-Forwarded-Host echoed back) goes
// out as one JSON line with the request's id, the error's class, its digest
// and status and where it was thrown, never its message. Lines already in
// the app's JSON form pass unchanged (given the id if they lack one); lines
// written outside any request (start-up, shutdown) pass unchanged.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { newRequestId, REQUEST_ID_HEADER } from '@/lib/errors';

const current = new AsyncLocalStorage<string>();

/** Gives `req` a fresh id (REQUEST_ID_HEADER) and runs `work` with it as the current request's. */
export function withRequestId<T>(req: IncomingMessage, work: () => T): T {
  const id = newRequestId();
  req.headers[REQUEST_ID_HEADER] = id;
  return current.run(id, work);
}

/**
 * Runs `work` as part of `req` again: for work that an event or another
 * request's end starts (the admission line, a body that has arrived), where
 * Node does not carry the context along.
 */
export function asPartOf<T>(req: IncomingMessage, work: () => T): T {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === 'string' ? current.run(id, work) : work();
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

type Level = 'error' | 'warn';

/** The part of a stack that says where: the first frame, without the message above it. */
function whereThrown(error: Error): string | undefined {
  const frame = (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line));
  return frame?.trim().slice(3, 203);
}

/** One log line for what Next.js wrote during a request: no message text, which may hold what a person typed. */
export function frameworkLine(level: Level, requestId: string, args: unknown[]): string {
  const [first] = args;
  if (args.length === 1 && typeof first === 'string' && first.startsWith('{')) {
    try {
      const line = JSON.parse(first) as Record<string, unknown>;
      if (line && typeof line === 'object' && !Array.isArray(line)) {
        return 'requestId' in line ? first : JSON.stringify({ level: line.level ?? level, requestId, ...line });
      }
    } catch {
      // Not one of ours: treated as the framework's below.
    }
  }
  const error = args.find((a): a is Error => a instanceof Error);
  const out: Record<string, unknown> = { level, requestId, where: 'framework', code: error ? 'framework_error' : 'framework_message' };
  if (error) {
    out.error = error.name;
    const { digest, statusCode } = error as Error & { digest?: unknown; statusCode?: unknown };
    // Next's digests are numbers or its own markers (NEXT_REDIRECT;…, NEXT_HTTP_ERROR_FALLBACK;404): the marker's first part only.
    if (typeof digest === 'string') out.digest = digest.split(';')[0]!.slice(0, 40);
    if (typeof statusCode === 'number') out.status = statusCode;
    const at = whereThrown(error);
    if (at) out.at = at;
  }
  return JSON.stringify(out);
}

/** Routes console.error and console.warn through `frameworkLine` while a request is handled. */
export function guardConsole(target: Pick<Console, 'error' | 'warn'> = console): void {
  for (const level of ['error', 'warn'] as const) {
    const write = target[level].bind(target);
    target[level] = (...args: unknown[]) => {
      const requestId = current.getStore();
      if (requestId === undefined) return write(...args);
      write(frameworkLine(level, requestId, args));
    };
  }
}
