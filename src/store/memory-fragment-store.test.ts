import { fragmentStoreContract } from './fragment-store-contract.js';
import { MemoryFragmentStore } from './memory-fragment-store.js';

fragmentStoreContract('MemoryFragmentStore', async () => new MemoryFragmentStore());
