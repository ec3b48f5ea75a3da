/** The store's public surface: open the lowdb store, or make an in-memory one for tests. */
export { openStore } from './lowdb-store.js';
export type { OpenStoreOptions } from './lowdb-store.js';
export { createMemoryStore } from './memory-store.js';
export { StoreError } from './store-error.js';
export type { FileOps } from './json-file-adapter.js';
export type { AddResult, ArticleQuery, Store } from './store.js';
