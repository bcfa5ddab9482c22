// A production server with the verification fast path: POST
// /api/presentations/verify is answered by lib/presentation's Node handler
// (the same contract as the route handler), everything else by Next.js's
// own request handler, in one process. The verify_throughput_ratio bench
// measures it beside `next start`; `npm start` can serve the app this way
// (tsx bench/presentation-server.ts, or a copy under scripts/) to take the
// framework's per-request pipeline off the verifier's hot path.
//   PORT=3000 NEXT_DIST_DIR=.next tsx bench/presentation-server.ts
import http from 'node:http';
import next from 'next';
import { getPresentationDeps, isVerifyRequest, serveVerify } from '@/lib/presentation';

const port = Number(process.env.PORT || 3000);
const app = next({ dev: false, dir: process.cwd(), port });
await app.prepare();
const handle = app.getRequestHandler();

http
  .createServer((req, res) => {
    if (isVerifyRequest(req)) return serveVerify(req, res, getPresentationDeps);
    void handle(req, res);
  })
  .listen(port, () => console.log(`ARC Mobile (verification fast path) on http://localhost:${port}`));
