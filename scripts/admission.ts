// Admission for the production server (scripts/server.ts): at most `limit`
// requests are handled at a time; the others wait their turn in arrival
// order, and a client that leaves while waiting leaves the line.
//
// Why: Node's event loop (libuv ≥ 1.45) accepts ONE new connection per turn
// of the loop, and a turn runs every piece of request work that became ready
// in it. A saturated process with 200 requests in progress took ~175 ms a
// turn, so connections queued in the kernel were accepted a few a second:
// under autocannon's 200 connections some waited 20-30 s for their first
// byte (load_direct's timeouts), while the requests already accepted were
// answered in 0.2 s. With a bounded number in progress, a turn is short, new
// connections are accepted at once, and everyone waits in one fair line —
// the same throughput, since one process has one core's worth of work to
// give either way.
//
// A place is held only while the server works, never while it waits on the
// client: a request's body is read ahead (and put back for the handler)
// before it joins the line, and its place is handed on as soon as the
// handler ends its response, not when a slow reader has taken the last
// byte. Otherwise 32 clients trickling bodies or reading slowly would stop
// everyone; behind nginx (deploy/nginx.conf), which buffers both ways, they
// never reach the app anyway.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most of a body read ahead before its turn; a larger one (every route refuses far less) waits as it is. */
export const READ_AHEAD_BYTES = 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/**
 * Calls `then` once the request's body has arrived whole (at once for a
 * request without one), without consuming it: what was read is put back
 * (`unshift`) for the handler to read as if untouched; `then` gets a copy
 * of it (empty without one). A body over `maxBytes` goes on as far as it
 * came, and `then` gets null. A client that hangs up first is never passed on.
 */
export function whenBodyArrived(req: IncomingMessage, then: (body: Buffer | null) => void, maxBytes = READ_AHEAD_BYTES): void {
  const length = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && (length === undefined || length === '0')) return then(EMPTY);
  const chunks: Buffer[] = [];
  let total = 0;
  let settled = false;
  const settle = (pass: boolean) => {
    if (settled) return;
    settled = true;
    req.off('readable', onReadable);
    req.off('aborted', onGone);
    req.off('error', onGone);
    req.off('close', onClose);
    // Back at the front of the stream, in this same tick: 'end' has not been emitted, so the
    // handler reads the body and then its end.
    const body = chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    if (chunks.length > 0) {
      req.unshift(body);
      // Reading marked the stream as read from (`readableDidRead`), and a stream read from cannot
      // become a fetch Request's body ("disturbed"), which is what Next.js makes of it. What was
      // read is back whole, so the mark goes too.
      (req as unknown as { _readableState: { dataEmitted: boolean } })._readableState.dataEmitted = false;
    }
    if (pass) then(total > maxBytes ? null : body);
  };
  const onReadable = () => {
    let chunk: Buffer | null;
    while ((chunk = req.read() as Buffer | null) !== null) {
      chunks.push(chunk);
      total += chunk.length;
      if (total > maxBytes) return settle(true);
    }
    // The parser saw the whole message (set before it pushes the stream's end).
    if (req.complete) settle(true);
  };
  const onGone = () => settle(false);
  const onClose = () => settle(req.complete);
  req.on('readable', onReadable);
  req.once('aborted', onGone);
  req.once('error', onGone);
  req.once('close', onClose);
  // Arrived already (a small body in the headers' packet): what is buffered is read now.
  if (req.complete) onReadable();
}

export type Admission = {
  /** Runs `handle` now if fewer than `limit` requests are in progress, else when its turn comes. */
  admit(req: IncomingMessage, res: ServerResponse, handle: () => void): void;
  /** Requests in progress, and waiting (for tests and logs). */
  readonly active: number;
  readonly waiting: number;
};

export function createAdmission(limit: number): Admission {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`admission limit must be a whole number ≥ 1 (got ${limit})`);
  let active = 0;
  // A FIFO of waiting starts; a start whose client left is skipped.
  let line: Array<{ start: () => void; gone: boolean } | undefined> = [];
  let head = 0;
  const live = () => {
    while (head < line.length && line[head]!.gone) line[head++] = undefined;
    if (head > 1024 && head * 2 > line.length) {
      line = line.slice(head);
      head = 0;
    }
    return head < line.length;
  };

  // A finished request hands its place to the first in line (in a later
  // turn of the loop: after the poll phase, where a new connection had its
  // chance), or gives it back when nobody waits.
  const handOn = () => {
    if (!live()) {
      active--;
      return;
    }
    const entry = line[head]!;
    line[head++] = undefined;
    entry.start();
  };

  return {
    admit(req, res, handle) {
      const start = () => {
        let done = false;
        const release = () => {
          if (done) return;
          done = true;
          res.off('prefinish', release);
          res.off('close', release);
          setImmediate(handOn);
        };
        // 'prefinish': the handler ended its response (what is left is the client's reading);
        // 'close': the response went, or the client went first.
        res.once('prefinish', release);
        res.once('close', release);
        handle();
      };
      // Nobody waits while a place is free: a newcomer never passes the line.
      if (active < limit) {
        active++;
        start();
        return;
      }
      // A client that hangs up while waiting gives its place away (and is never handled).
      const socket = req.socket;
      const entry = { start, gone: false };
      const left = () => {
        entry.gone = true;
      };
      entry.start = () => {
        socket.off('close', left);
        start();
      };
      socket.once('close', left);
      line.push(entry);
    },
    get active() {
      return active;
    },
    get waiting() {
      let n = 0;
      for (let i = head; i < line.length; i++) if (!line[i]!.gone) n++;
      return n;
    },
  };
}
