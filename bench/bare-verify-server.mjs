// The strongest honest HTTP reference for verify_throughput_ratio: a bare
// Node HTTP server that does nothing but jose's ES256 compactVerify of the
// body's token (no allow-list, no times, no status, no security headers).
// The bench loads it with the same autocannon, connections and tokens as the
// real endpoint, so the two share the machine the same way.
//   node bench/bare-verify-server.mjs <port> '<public JWK>'
import http from 'node:http';
import { compactVerify, importJWK } from 'jose';

const port = Number(process.argv[2]);
const key = await importJWK(JSON.parse(process.argv[3]), 'ES256');
http
  .createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let valid = false;
      try {
        await compactVerify(JSON.parse(Buffer.concat(chunks).toString()).token, key, { algorithms: ['ES256'] });
        valid = true;
      } catch {
        // not a valid token
      }
      const text = JSON.stringify({ valid });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  })
  .listen(port, () => console.log('ready'));
