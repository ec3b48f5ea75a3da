/**
 * A fake OpenAI-compatible chat completions server on 127.0.0.1 with one path per behaviour:
 * `/good` rewrites faithfully (the input sentences, last first), `/invent` adds a number and a name
 * that are in no article, `/slow` never answers, `/garbage` answers with something that is not a
 * chat completion, `/error` answers 500. Every request body is kept; `maxInFlight` is the most
 * requests it held open at once (`/good` waits `delayMs` before answering).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type TestServer } from '../../helpers/http-server.js';

/** One request's parsed body. */
export interface SeenChat {
  path: string;
  authorization: string | undefined;
  model: string;
  messages: { role: string; content: string }[];
}

export interface FakeModel {
  server: TestServer;
  url(path: 'good' | 'invent' | 'slow' | 'garbage' | 'error'): string;
  chats: SeenChat[];
  maxInFlight(): number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const completion = (content: string) => JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });

/** The input sentences ("- …" lines of the user message), last first: a rewrite with no new fact. */
function faithful(chat: SeenChat): string {
  const user = chat.messages.find((m) => m.role === 'user')?.content ?? '';
  return user.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2)).reverse().join(' ');
}

export async function startFakeModel(o: { delayMs?: number } = {}): Promise<FakeModel> {
  const chats: SeenChat[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const route = (answer: (chat: SeenChat, res: ServerResponse) => void | Promise<void>) => async (req: IncomingMessage, res: ServerResponse) => {
    const parsed = JSON.parse(await body(req)) as { model: string; messages: SeenChat['messages'] };
    const chat: SeenChat = { path: req.url ?? '', authorization: req.headers.authorization, model: parsed.model, messages: parsed.messages };
    chats.push(chat);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    await answer(chat, res);
  };
  const json = (res: ServerResponse, text: string): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  const server = await startServer({
    '/good': route(async (chat, res) => {
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      json(res, completion(faithful(chat)));
    }),
    '/invent': route((chat, res) => json(res, completion(`${faithful(chat)} Mayor Ortega said 4,700 homes were affected.`))),
    '/slow': route(() => undefined),
    '/garbage': route((_chat, res) => json(res, '{"choices":[{"text":42}]}')),
    '/error': route((_chat, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('model crashed')),
  });
  return {
    server,
    url: (path) => `${server.url}/${path}`,
    chats,
    maxInFlight: () => maxInFlight,
    close: () => server.close(),
  };
}
