import { createMemoryStore } from '../../src/store/memory-store.js';
import { storeContract } from './store-contract.js';

storeContract('memory store', async () => {
  const store = createMemoryStore();
  return { store, reopen: async () => store, dispose: async () => undefined };
});
