/**
 * The operations endpoint on NEWSBOT_HTTP_PORT: `/healthz` (200 when the store answers, else 503;
 * the container HEALTHCHECK and load balancers read it) and `/metrics` (Prometheus text format).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.js';
import type { Metrics } from './metrics.js';

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one); rejects with a one-line error when the port is taken. */
export async function startOpsServer(o: { port: number; host?: string; store: Store; metrics: Metrics; info: Record<string, string> }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
    if (path === '/healthz') {
      // A cheap read that touches the store (a database round trip on PostgreSQL).
      o.store.getFeed('healthz').then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...o.info })),
        (err: unknown) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'store unavailable', error: err instanceof Error ? err.message : String(err), ...o.info })),
      );
      return;
    }
    if (path === '/metrics') {
      o.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': o.metrics.registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500).end(String(err)),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('newsbot: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new Error(`the HTTP server could not listen on port ${o.port} (${err.code ?? err.message}); set NEWSBOT_HTTP_PORT to a free port`)));
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
