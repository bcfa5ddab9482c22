// What the benches that start a production server share: a free loopback
// port, waiting for the server's health check, a throw-away database, and
// nginx (deploy/nginx.conf) in front — over TLS and HTTP/2 when asked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Stops a process started with `detached: true` (its whole group), then removes its temporary folder. */
export async function stopDetached(child: ChildProcess, dir: string, waitMs: number): Promise<void> {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, waitMs));
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Resolves when GET /api/health answers 200; fails when the server exits or the time is up. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no answer from ${url}/api/health in ${timeoutMs / 1000} s`);
}

/** A throw-away database on the PostgreSQL server `serverUrl` (named `<prefix>_<random>`): its URL, and how to drop it. */
export async function throwAwayDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const pg = (await import('pg')).default;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await c.end();
    },
  };
}

/** Debian's libnginx-mod-http-brotli-static: serves the build's .br copies (scripts/precompress.mjs). */
const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/**
 * deploy/nginx.conf with its listen address and upstream ports rewritten, inside a main config of
 * the bench's own. `tls`: a certificate and key to serve HTTPS with HTTP/2 (as a deployment's TLS
 * front does) instead of plain HTTP/1.1.
 */
export function nginxConfig(dir: string, listen: number, upstreams: number[], tls?: { cert: string; key: string }, staticDir?: string): string {
  let deploy = fs.readFileSync(path.join(process.cwd(), 'deploy', 'nginx.conf'), 'utf8');
  // The build's static files from disk (precompressed) where the build is known; else the app serves them.
  const brotli = fs.existsSync(BROTLI_STATIC_MODULE);
  if (staticDir) {
    deploy = deploy.replace(/alias\s+[^;]+;/, `alias ${path.resolve(staticDir)}/;`);
    if (!brotli) deploy = deploy.replace(/^\s*brotli_static\s+on;\n/m, '');
  } else {
    deploy = deploy.replace(/\n\s*location \/_next\/static\/ \{[^}]*\}\n/, '\n');
  }
  let k = 0;
  const site = deploy
    .replace(
      /listen\s+80\s*;/,
      tls ? `listen 127.0.0.1:${listen} ssl http2;\n    ssl_certificate ${tls.cert};\n    ssl_certificate_key ${tls.key};` : `listen 127.0.0.1:${listen};`,
    )
    .replace(/server\s+127\.0\.0\.1:\d+[^;]*;/g, (line) => line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${upstreams[k++ % upstreams.length]}`));
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  const temp = (name: string) => path.join(dir, name);
  return `${staticDir && brotli ? `load_module ${BROTLI_STATIC_MODULE};` : ''}
user root;
worker_processes auto;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include ${temp('site.conf')};
}
`;
}

/**
 * nginx (Debian's package) with deploy/nginx.conf over TLS and HTTP/2, in front of `upstreamPort`,
 * with a self-signed certificate made for the run (the browser is told to accept it:
 * --ignore-certificate-errors). `staticDir`: the build's static directory, served from disk in its
 * precompressed copies as deploy/nginx.conf does (made here if the build has none). Null when nginx
 * or openssl is missing.
 */
export async function startTlsFront(upstreamPort: number, staticDir?: string): Promise<{ baseUrl: string; stop: () => Promise<void> } | null> {
  const nginxBin = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!nginxBin) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arc-bench-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  if (made.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  if (staticDir && !fs.readdirSync(path.join(staticDir, 'chunks')).some((f) => f.endsWith('.br'))) {
    spawnSync('node', [path.join(process.cwd(), 'scripts', 'precompress.mjs')], { env: { ...process.env, NEXT_DIST_DIR: path.relative(process.cwd(), path.dirname(staticDir)) }, stdio: 'ignore' });
  }
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, port, [upstreamPort], { cert, key }, staticDir));
  const nginx = spawn(nginxBin, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore', detached: true });
  const stop = () => stopDetached(nginx, dir, 300);
  const baseUrl = `https://localhost:${port}`;
  const deadline = Date.now() + 15_000;
  // Node's fetch would refuse the self-signed certificate: wait for the port instead.
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) break;
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return { baseUrl, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  return null;
}
