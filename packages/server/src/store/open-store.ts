/**
 * Opens the store a location names: a `postgres://` URL, `pglite:memory` (PostgreSQL in
 * WebAssembly, for tests), `:memory:` (a private SQLite database) or a SQLite file path.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Store } from "./port.ts";
import { pgliteConnector, pgPoolConnector } from "./postgres/connectors.ts";
import { PostgresStore } from "./postgres/postgres-store.ts";
import { adoptSqliteWriteLock, SqliteStore, sqliteWriteLock } from "./sqlite/sqlite-store.ts";

export { defaultDatabase, describeLocation } from "../locations.ts";

export interface OpenStoreOptions {
  /** Connections in the PostgreSQL pool. */
  readonly poolSize?: number;
}

function isPostgres(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Whether a second connection, on another thread, reaches the same database. */
export function shareable(location: string): boolean {
  return location !== ":memory:" && location !== "pglite:memory";
}

/**
 * What another thread opening the same location must share with this one: a SQLite file's write
 * lock, so both threads' writes take turns without SQLite's busy wait; nothing for a server.
 */
export function sharedWriteLock(location: string): SharedArrayBuffer | null {
  return isPostgres(location) || !shareable(location) ? null : sqliteWriteLock(location);
}

/** In the other thread, before it opens the location: takes the lock `sharedWriteLock` gave. */
export function adoptWriteLock(location: string, buffer: SharedArrayBuffer | null): void {
  if (buffer !== null) adoptSqliteWriteLock(location, buffer);
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgres(location)) {
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
