/**
 * A local incoming-webhook service on 127.0.0.1 that refuses what Slack and Discord refuse:
 * Slack (text ≤ 40,000, ≤ 50 blocks, section text ≤ 3,000, header plain_text ≤ 150) answers
 * 400 invalid_blocks; Discord (content ≤ 2,000, ≤ 10 embeds, title ≤ 256, description ≤ 4,096,
 * ≤ 6,000 embed characters, valid embed urls) answers 400 50035. `script(path, n)` may answer
 * a status instead (404, 410, 429 with Retry-After, 500) or hold the request forever.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { path: string; body: Record<string, unknown>; status: number; at: number }
type Answer = { status: number; retryAfter?: number } | 'hold' | null;

const URI = /^https?:\/\/[^\s/?#]+(?:[/?#](?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)?$/;

/** Why Slack would refuse `p`, or null. */
export function slackProblem(p: Record<string, unknown>): string | null {
  const text = p.text;
  const blocks = p.blocks as { type: string; text?: { type: string; text: string } }[] | undefined;
  if (typeof text !== 'string' && !blocks) return 'no_text';
  if (typeof text === 'string' && text.length > 40_000) return 'msg_too_long';
  if (blocks) {
    if (blocks.length > 50) return 'invalid_blocks: more than 50';
    for (const b of blocks) {
      if (b.type === 'header' && (b.text?.type !== 'plain_text' || b.text.text.length > 150)) return 'invalid_blocks: header';
      if (b.type === 'section' && (!b.text || b.text.text.length > 3000)) return 'invalid_blocks: section text';
    }
  }
  return null;
}

/** Why Discord would refuse a webhook body, or null. */
export function discordProblem(p: Record<string, unknown>): string | null {
  const content = p.content as string | undefined;
  const embeds = (p.embeds ?? []) as { title?: string; description?: string; url?: string }[];
  if (!content && embeds.length === 0) return 'empty message';
  if ((content?.length ?? 0) > 2000) return 'content over 2000';
  if (embeds.length > 10) return 'over 10 embeds';
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256) return 'title over 256';
    if ((e.description?.length ?? 0) > 4096) return 'description over 4096';
    if (e.url !== undefined && !URI.test(e.url)) return 'url not a well formed URL';
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0);
  }
  return total > 6000 ? 'embeds over 6000 characters' : null;
}

export class FakeWebhooks {
  readonly received: Received[] = [];
  private counts = new Map<string, number>();
  /** Per path and 1-based request number: a scripted answer, or null for the normal one. */
  script: (path: string, n: number) => Answer = () => null;

  /** http://127.0.0.1:<port>, once started. */
  base = '';
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        const n = (this.counts.get(path) ?? 0) + 1;
        this.counts.set(path, n);
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          res.writeHead(400).end('invalid_payload');
          return;
        }
        const answer = this.script(path, n);
        if (answer === 'hold') {
          this.received.push({ path, body, status: 0, at: Date.now() });
          return;
        }
        const problem = answer ? null : path.startsWith('/api/webhooks/') ? discordProblem(body) : slackProblem(body);
        const status = answer?.status ?? (problem ? 400 : path.startsWith('/api/webhooks/') ? 204 : 200);
        this.received.push({ path, body, status, at: Date.now() });
        const headers: Record<string, string> = answer?.retryAfter !== undefined ? { 'retry-after': String(answer.retryAfter) } : {};
        res.writeHead(status, headers).end(problem ?? (status === 200 ? 'ok' : status === 204 ? undefined : 'no_service'));
      });
    });
  }

  static async start(): Promise<FakeWebhooks> {
    const fake = new FakeWebhooks();
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Requests to `path` the fake accepted. */
  delivered(path: string): Received[] {
    return this.received.filter((r) => r.path === path && r.status >= 200 && r.status < 300);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
