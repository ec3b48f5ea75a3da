/**
 * Documents in and out: a file a user sent, downloaded through getFile (never logging the file URL,
 * which holds the token), and a file the bot sends with sendDocument (multipart, via telegraf).
 * https://core.telegram.org/bots/api#getfile · https://core.telegram.org/bots/api#senddocument
 */
import type { Telegram } from 'telegraf';
import { CAPTION_LIMIT } from './render.js';

/** A file to send: its name, text content and caption (plain text). */
export interface OutgoingDocument {
  name: string;
  content: string;
  caption: string;
}

/** Downloads a document's text, refusing one over `maxBytes`. The error never names the URL. */
export async function downloadDocument(telegram: Telegram, fileId: string, maxBytes: number): Promise<string> {
  let url: URL;
  try {
    url = await telegram.getFileLink(fileId);
  } catch (err) {
    throw new Error(`Telegram refused the file (${err instanceof Error ? err.message.split('\n')[0] : 'getFile failed'})`);
  }
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'error' });
  } catch {
    throw new Error('the download from Telegram failed');
  }
  if (!res.ok) throw new Error(`the download from Telegram failed (HTTP ${res.status})`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`the file is over ${Math.round(maxBytes / 1_000_000)} MB`);
  return bytes.toString('utf8');
}

/** Sends a document to a chat. */
export async function sendDocument(telegram: Telegram, chatId: string, doc: OutgoingDocument): Promise<void> {
  await telegram.sendDocument(chatId, { source: Buffer.from(doc.content, 'utf8'), filename: doc.name }, { caption: doc.caption.slice(0, CAPTION_LIMIT) });
}
