import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { isIP } from 'node:net';

/** A route handler; the request is recorded before it runs. */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One request the server saw. */
export interface SeenRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path with the query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  /** "http://127.0.0.1:<port>", no trailing slash. */
  url: string;
  port: number;
  /** Every request seen, in order. */
  requests: SeenRequest[];
  /** How many requests reached a path. */
  hits(path: string): number;
  /** Adds or replaces a route. */
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 (port 0, so tests never collide) with a route table keyed by
 * path; unknown paths answer 404. Handlers that throw drop the connection.
 */
export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path, url, headers: req.headers });
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    void Promise.resolve()
      .then(() => handler(req, res))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    hits: (path) => requests.filter((r) => r.path === path).length,
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A DNS resolver answering from a fixed table (name → addresses), for reaching the test server by
 * a public-looking name or simulating a name that resolves to a private address. Unknown names
 * fail as ENOTFOUND, so a test can never reach the internet through it.
 */
export function fakeLookup(table: Record<string, string | string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const entry = table[hostname.toLowerCase()];
    const list = (Array.isArray(entry) ? entry : entry ? [entry] : []).map((address) => ({ address, family: isIP(address) }));
    if (list.length === 0) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return process.nextTick(() => callback(err, '', 0));
    }
    process.nextTick(() => (options.all ? callback(null, list) : callback(null, list[0]!.address, list[0]!.family)));
  };
}
