/**
 * The stores every contract test runs against: SQLite (a temporary file), PGlite, the memory
 * store, and a real PostgreSQL server when TEST_DATABASE_URL is set. With the variable set, an
 * unreachable server fails the suite: it is never skipped in silence.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "../../src/store/memory/memory-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/port.ts";
import {
  type ScratchDatabase,
  scratchDatabase,
} from "../../src/store/postgres/scratch-database.ts";

export interface StoreKind {
  readonly name: string;
  /** Opens a store on a fresh, empty database. */
  open(): Promise<Store>;
  /** Opens another store (another node) on the same database as the last `open`. */
  openSibling?(): Promise<Store>;
  /** Removes what `open` created. */
  cleanup(): Promise<void>;
}

export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url === undefined || url === "" ? undefined : url;
}

export function sqliteKind(): StoreKind {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-test-"));
  let count = 0;
  let last = "";
  return {
    name: "sqlite",
    async open() {
      count += 1;
      last = join(directory, `ledger-${count}.db`);
      return openStore(last);
    },
    async openSibling() {
      return openStore(last);
    },
    async cleanup() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function pgliteKind(): StoreKind {
  return { name: "pglite", open: () => openStore("pglite:memory"), cleanup: async () => {} };
}

export function memoryKind(): StoreKind {
  return { name: "memory", open: async () => new MemoryStore(), cleanup: async () => {} };
}

/** A fresh database on the server for each `open`, dropped at cleanup. */
export function postgresKind(adminUrl: string): StoreKind {
  const created: ScratchDatabase[] = [];
  return {
    name: "postgres",
    async open() {
      const name = `creditpool_test_${process.pid}_${created.length + 1}`;
      const scratch = await scratchDatabase(adminUrl, name);
      created.push(scratch);
      return openStore(scratch.url, { poolSize: 16 });
    },
    async openSibling() {
      const scratch = created[created.length - 1];
      if (scratch === undefined) throw new Error("open a store first");
      return openStore(scratch.url, { poolSize: 16 });
    },
    async cleanup() {
      for (const scratch of created.splice(0)) await scratch.drop();
    },
  };
}

/** Every store the contract runs against in this environment. */
export function contractKinds(): StoreKind[] {
  const kinds = [memoryKind(), sqliteKind(), pgliteKind()];
  const url = testDatabaseUrl();
  if (url !== undefined) kinds.push(postgresKind(url));
  return kinds;
}
