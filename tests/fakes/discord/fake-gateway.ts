/**
 * The fake Discord gateway (WebSocket, JSON encoding): HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeat acks, RESUME → RESUMED (or INVALID_SESSION for an unknown session), and dispatches
 * on demand. Protocol: https://discord.com/developers/docs/events/gateway
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { guildPayload, readyPayload } from './payloads.js';
import type { FakeIds } from './payloads.js';

interface Session {
  id: string;
  seq: number;
  socket: WebSocket | null;
  ready: boolean;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Intents bits of the last IDENTIFY. */
  intents: number | null;
}

export class FakeGateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, intents: null };
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  private nextSession = 1;

  constructor(
    private readonly ids: FakeIds,
    private readonly opts: { token: () => string; url: () => string; heartbeatIntervalMs: number },
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  /** True when a session is identified (or resumed) on an open socket. */
  get ready(): boolean {
    return Boolean(this.current?.ready && this.current.socket?.readyState === 1);
  }

  /** Sends a dispatch (op 0) on the live session; false when none is ready. */
  dispatch(t: string, d: unknown): boolean {
    const s = this.current;
    if (!s?.ready || !s.socket || s.socket.readyState !== 1) return false;
    s.seq += 1;
    s.socket.send(JSON.stringify({ op: 0, t, s: s.seq, d }));
    return true;
  }

  /** Closes the live socket with `code` (4000 = unknown error: the client should resume). */
  drop(code = 4000): void {
    const s = this.current;
    if (!s?.socket) return;
    s.ready = false;
    s.socket.close(code, 'fake gateway dropped the connection');
  }

  /** Forgets every session, so the next RESUME gets INVALID_SESSION and the client re-identifies. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
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
    this.stats.identifies += 1;
    this.stats.intents = typeof d.intents === 'number' ? d.intents : null;
    const s: Session = { id: `session-${this.nextSession++}`, seq: 0, socket: ws, ready: true };
    this.sessions.set(s.id, s);
    this.current = s;
    this.dispatch('READY', readyPayload(this.ids, s.id, this.opts.url()));
    this.dispatch('GUILD_CREATE', guildPayload(this.ids));
  }

  private resume(ws: WebSocket, d: Record<string, unknown>): void {
    const s = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!s || d.token !== this.opts.token()) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.stats.resumes += 1;
    s.socket = ws;
    s.ready = true;
    this.current = s;
    this.dispatch('RESUMED', null);
  }
}
