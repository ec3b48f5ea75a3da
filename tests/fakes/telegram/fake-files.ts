/**
 * Files for the fake Bot API: documents users send (getFile, then a download from
 * `/file/bot<token>/<file_path>`), and documents the bot sends (sendDocument as multipart/form-data,
 * validated like Telegram: a file part, a caption of at most 1,024 characters).
 * https://core.telegram.org/bots/api#getfile · https://core.telegram.org/bots/api#senddocument
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A document the bot sent and the fake accepted. */
export interface SentDocument {
  chat_id: string;
  filename: string;
  content: string;
  caption: string | undefined;
}

type ApiError = { error_code: number; description: string };

export class FakeFiles {
  private readonly stored = new Map<string, { name: string; content: string; path: string }>();
  readonly documents: SentDocument[] = [];
  private next = 1;

  constructor(private readonly token: string) {}

  /** Stores a file a user will send; returns the `document` object of their message. */
  add(name: string, content: string, mime = 'text/x-opml'): Record<string, unknown> {
    const file_id = `file${this.next++}`;
    this.stored.set(file_id, { name, content, path: `documents/${file_id}.opml` });
    return { file_id, file_unique_id: `u${file_id}`, file_name: name, mime_type: mime, file_size: Buffer.byteLength(content) };
  }

  getFile(body: Record<string, unknown>): { ok: unknown } | ApiError {
    const f = this.stored.get(String(body.file_id));
    if (!f) return { error_code: 400, description: 'Bad Request: invalid file_id' };
    return { ok: { file_id: body.file_id, file_unique_id: `u${String(body.file_id)}`, file_size: Buffer.byteLength(f.content), file_path: f.path } };
  }

  /** Serves GET /file/bot<token>/<path>; false when the request is not a file download. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /\/file\/bot([^/]+)\/(.+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m) return false;
    const file = m[1] === this.token ? [...this.stored.values()].find((f) => f.path === m[2]) : undefined;
    if (!file) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
    return true;
  }

  sendDocument(body: Record<string, unknown>): { ok: unknown } | ApiError {
    const doc = body.document as { filename?: string; content?: string } | undefined;
    if (!doc || typeof doc !== 'object' || typeof doc.content !== 'string') return { error_code: 400, description: 'Bad Request: there is no document in the request' };
    const caption = typeof body.caption === 'string' ? body.caption : undefined;
    if (caption !== undefined && caption.length > 1024) return { error_code: 400, description: 'Bad Request: message caption is too long' };
    this.documents.push({ chat_id: String(body.chat_id), filename: doc.filename ?? 'document', content: doc.content, caption });
    return { ok: { message_id: 9000 + this.documents.length, date: 1_700_000_000, chat: { id: Number(body.chat_id), type: 'private' }, document: { file_id: 'sent', file_name: doc.filename } } };
  }
}
