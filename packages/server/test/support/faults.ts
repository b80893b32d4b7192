/**
 * Faults injected at the store's write, for tests of failure isolation: the store stays real, and
 * every batch that `fails` picks is refused before it commits, as a database would refuse it.
 */
import type { BatchWrite, Store, StoreTransaction } from "../../src/store/port.ts";

/**
 * Makes `store` fail, in place, every write of a batch `fails` picks (both the locked path and
 * the one-statement path); answers a function that puts the store back as it was.
 */
export function failWritesWhere(store: Store, fails: (batch: BatchWrite) => boolean): () => void {
  const check = (batch: BatchWrite) => {
    if (fails(batch)) throw new Error("injected write failure");
  };
  const transaction = store.transaction;
  const writeIfUnchanged = store.writeIfUnchanged;
  const failing = (tx: StoreTransaction): StoreTransaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property === "write")
          return async (batch: BatchWrite) => {
            check(batch);
            await target.write(batch);
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  store.transaction = <T>(work: (tx: StoreTransaction) => Promise<T>) =>
    transaction.call(store, (tx) => work(failing(tx))) as Promise<T>;
  if (writeIfUnchanged !== undefined)
    store.writeIfUnchanged = async (batch, version) => {
      check(batch);
      return writeIfUnchanged.call(store, batch, version);
    };
  return () => {
    store.transaction = transaction;
    store.writeIfUnchanged = writeIfUnchanged;
  };
}
