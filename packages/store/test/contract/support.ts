/**
 * The storage contract's shared parts: how a backend is given (a factory of empty stores), and
 * one store per `describe`, opened before its tests and closed after them.
 */
import { after, before } from "node:test";
import type { Store } from "../../src/index.ts";

/** Opens a new, empty store of the backend under test (its own database or schema). */
export type MakeStore = () => Promise<Store>;

/** A store opened before the suite's tests and closed after them: call `get()` in tests. */
export function storePerSuite(make: MakeStore, fill?: (s: Store) => Promise<void>): () => Store {
  let store: Store | null = null;
  before(async () => {
    store = await make();
    if (fill) await fill(store);
  });
  after(() => store?.close());
  return () => {
    if (!store) throw new Error("the store is opened in before()");
    return store;
  };
}

/** A workspace and a site (optionally in a time zone) through the configuration port. */
export async function addSite(store: Store, id: string, timeZone = "UTC"): Promise<void> {
  if (!(await store.config.getWorkspace("w1")))
    await store.config.createWorkspace({ id: "w1", name: "W" });
  await store.config.createSite({
    id,
    workspaceId: "w1",
    name: id,
    publicKey: `pk_${id}`,
    settings: { timeZone },
  });
}
