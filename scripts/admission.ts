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
import type { IncomingMessage, ServerResponse } from 'node:http';

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
        // 'close' comes once the response is sent, or when the client goes away first.
        res.once('close', () => {
          if (done) return;
          done = true;
          setImmediate(handOn);
        });
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
