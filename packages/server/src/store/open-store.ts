/**
 * Opens the store a location names: a `postgres://` URL, `pglite:memory` (PostgreSQL in
 * WebAssembly, for tests), `:memory:` (a private SQLite database) or a SQLite file path.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Store } from "./port.ts";
import { pgliteConnector, pgPoolConnector } from "./postgres/connectors.ts";
import { PostgresStore } from "./postgres/postgres-store.ts";
import { SqliteStore } from "./sqlite/sqlite-store.ts";

export { defaultDatabase, describeLocation } from "../locations.ts";

export interface OpenStoreOptions {
  /** Connections in the PostgreSQL pool. */
  readonly poolSize?: number;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    return PostgresStore.open(pgPoolConnector(location, options.poolSize));
  }
  if (location === "pglite:memory") {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create({ parsers: { 20: (value: string) => BigInt(value) } });
    return PostgresStore.open(pgliteConnector(db));
  }
  if (location !== ":memory:") mkdirSync(dirname(location), { recursive: true });
  return new SqliteStore({ file: location });
}
