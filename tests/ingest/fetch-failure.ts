import { expect } from 'vitest';
import { FetchError } from '../../src/ingest/fetch.js';

/** The FetchError a fetch fails with; fails the test if it succeeds or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    expect((err as Error).message).not.toContain('\n');
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}
