/** Notes on PostgreSQL (table `notes`, migration 005): the same checks as the other stores before any write. */
import type { Note } from '../../model.js';
import { assertRecord, checkNote } from '../schema.js';
import type { Queries } from './connect.js';


export async function putNote(db: Queries, note: Note): Promise<void> {
  assertRecord('note', checkNote, note, 'key');
  await db.query('store a note',
    'INSERT INTO notes (key, expires_at, data) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at, data = EXCLUDED.data',
    [note.key, note.expiresAt, JSON.stringify(note)]);
}

export async function getNote(db: Queries, key: string): Promise<Note | null> {
  const r = await db.query<{ data: Note }>('read a note', 'SELECT data FROM notes WHERE key = $1', [key]);
  return r.rows[0]?.data ?? null;
}

/** Drops the notes expired by `now`. */
export async function pruneNotes(db: Queries, now: Date): Promise<void> {
  await db.query('prune notes', 'DELETE FROM notes WHERE expires_at < $1', [now.toISOString()]);
}
