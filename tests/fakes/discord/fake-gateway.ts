/**
 * The fake Discord gateway (WebSocket, JSON encoding): HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeat acks, RESUME → RESUMED (or INVALID_SESSION for an unknown session), and dispatches
 * on demand. Sharded like Discord: IDENTIFY carries `shard: [id, count]` (default [0, 1]); a
 * session gets the guilds with `(guild_id >> 22) % count === id`, and direct messages go to
 * shard 0. A second live session on a shard is refused (closed with 4010): stricter than
 * Discord, which accepts it and sends that shard's events to both sessions (every interaction
 * answered twice), so a test sees the mistake at once.
 * Protocol: https://discord.com/developers/docs/events/gateway#sharding
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { guildPayload, readyPayload, shardOf } from './payloads.js';
import type { FakeIds } from './payloads.js';

interface Session {
  id: string;
  seq: number;
  socket: WebSocket | null;
  ready: boolean;
  shard: [number, number];
  /** False once forgotten: a RESUME of it gets INVALID_SESSION. */
  resumable: boolean;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Intents bits of the last IDENTIFY. */
  intents: number | null;
  /** Every accepted IDENTIFY: its shard and when (performance.now()). */
  identified: { shard: [number, number]; at: number }[];
  /** IDENTIFYs refused because the shard already had a live session. */
  shardConflicts: number;
}

export class FakeGateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, intents: null, identified: [], shardConflicts: 0 };
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private nextSession = 1;

  constructor(
    private readonly ids: FakeIds,
    private readonly opts: { token: () => string; url: () => string; heartbeatIntervalMs: number; guilds: readonly string[] },
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  /** True when some session is identified (or resumed) on an open socket. */
  get ready(): boolean {
    return [...this.sessions.values()].some(live);
  }

  /** The shard id whose live session receives `guildId`'s events (shard 0 for none), or null when no session has it. */
  liveShardFor(guildId: string | null): number | null {
    return this.sessionFor(guildId)?.shard[0] ?? null;
  }

  /** Shards with a live session, as [id, count], by id. */
  liveShards(): [number, number][] {
    return [...this.sessions.values()].filter(live).map((s) => s.shard).sort((a, b) => a[0] - b[0]);
  }

  /** Sends a dispatch (op 0) on the live session holding `guildId`'s shard (shard 0 when null); false when none is ready. */
  dispatch(t: string, d: unknown, guildId: string | null = this.ids.guildId): boolean {
    const s = this.sessionFor(guildId);
    if (!s) return false;
    this.send(s, t, d);
    return true;
  }

  /** Closes the live sockets (of one shard, or all) with `code` (4000 = unknown error: the client should resume). */
  drop(code = 4000, shard?: number): void {
    for (const s of this.sessions.values()) {
      if (!s.socket || (shard !== undefined && s.shard[0] !== shard)) continue;
      s.ready = false;
      s.socket.close(code, 'fake gateway dropped the connection');
    }
  }

  /** Forgets every session, so the next RESUME gets INVALID_SESSION and the client re-identifies. */
  forgetSessions(): void {
    for (const s of this.sessions.values()) s.resumable = false;
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private sessionFor(guildId: string | null): Session | undefined {
    return [...this.sessions.values()].find((s) => live(s) && (guildId === null ? s.shard[0] === 0 : shardOf(guildId, s.shard[1]) === s.shard[0]));
  }

  private send(s: Session, t: string, d: unknown): void {
    s.seq += 1;
    s.socket?.send(JSON.stringify({ op: 0, t, s: s.seq, d }));
  }

  private onConnection(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs } }));
    ws.on('message', (raw) => {
      let msg: { op: number; d: Record<string, unknown> | null };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      switch (msg.op) {
        case 1:
          this.stats.heartbeats += 1;
          ws.send(JSON.stringify({ op: 11 }));
          break;
        case 2:
          this.identify(ws, msg.d ?? {});
          break;
        case 6:
          this.resume(ws, msg.d ?? {});
          break;
        default:
          break;
      }
    });
    ws.on('close', () => {
      for (const s of this.sessions.values()) if (s.socket === ws) { s.socket = null; s.ready = false; }
    });
  }

  private identify(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.opts.token()) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!Number.isInteger(shard[0]) || !Number.isInteger(shard[1]) || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
      ws.close(4010, 'Invalid shard.');
      return;
    }
    if ([...this.sessions.values()].some((s) => live(s) && s.shard[0] === shard[0] && s.shard[1] === shard[1])) {
      this.stats.shardConflicts += 1;
      ws.close(4010, 'Invalid shard: this shard already has a live session (fake gateway).');
      return;
    }
    this.stats.identifies += 1;
    this.stats.intents = typeof d.intents === 'number' ? d.intents : null;
    this.stats.identified.push({ shard, at: performance.now() });
    const s: Session = { id: `session-${this.nextSession++}`, seq: 0, socket: ws, ready: true, shard, resumable: true };
    this.sessions.set(s.id, s);
    const guilds = this.opts.guilds.filter((g) => shardOf(g, shard[1]) === shard[0]);
    this.send(s, 'READY', readyPayload(this.ids, s.id, this.opts.url(), shard, guilds));
    for (const g of guilds) this.send(s, 'GUILD_CREATE', guildPayload(this.ids, g));
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): void {
    const s = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!s?.resumable || d.token !== this.opts.token()) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.stats.resumes += 1;
    s.socket = ws;
    s.ready = true;
    this.send(s, 'RESUMED', null);
  }
}

function live(s: Session): boolean {
  return s.ready && s.socket?.readyState === 1;
}
