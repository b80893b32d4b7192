/**
 * The stores the engine drivers run over, each fresh for a run: memory, a SQLite file opened
 * twice, or a scratch PostgreSQL database opened as two pools. The second connection is where the
 * driver's second and lagging engines write (`other-engine`, `race`, `skew`).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryStore } from "../packages/server/src/store/memory/memory-store.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { scratchDatabase } from "../packages/server/src/store/postgres/scratch-database.ts";
import type { DriverFactory } from "./driver.ts";
import { EngineDriver, type SecondStore } from "./engine-driver.ts";
import type { FaultOptions } from "./faults.ts";

export type EngineStoreKind = "memory" | "sqlite" | "postgres";

/**
 * An engine driver over a fresh store of the kind named, injecting the faults given. A SQLite
 * store is a file in a scratch directory (the RAM disk where the system has one), opened twice:
 * two connections, so two engines race through the file's write lock as two processes would. A
 * PostgreSQL store is a fresh database made through `postgresUrl` (a server's administrative
 * database), opened as two pools and dropped at the end; it alone has the engine's one-statement
 * write (`writeIfUnchanged`), which requests with engine-made ids take.
 */
export function engineDriverFactory(
  storeKind: EngineStoreKind,
  faults: FaultOptions | null = null,
  postgresUrl: string | null = null,
): DriverFactory {
  return async (setup) => {
    const { store, second } = await freshStore(storeKind, postgresUrl);
    return EngineDriver.open(store, setup, faults, second);
  };
}

/** A fresh store of the kind named, and a second connection to it (none for memory). */
export async function freshStore(
  storeKind: EngineStoreKind,
  postgresUrl: string | null = null,
): Promise<{ store: Store; second: SecondStore | null }> {
  if (storeKind === "memory") return { store: new MemoryStore(), second: null };
  if (storeKind === "postgres") {
    if (postgresUrl === null) throw new Error("an engine-postgres driver needs a server's URL");
    databasesMade += 1;
    const name = `creditpool_sim_${process.pid}_${databasesMade}`;
    const { url, drop } = await scratchDatabase(postgresUrl, name);
    const second = { store: await openStore(url, { poolSize: 4 }), remove: drop };
    return { store: await openStore(url, { poolSize: 4 }), second };
  }
  const directory = mkdtempSync(join(scratchRoot(), "creditpool-sim-"));
  const file = join(directory, "ledger.db");
  const second = {
    store: await openStore(file),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
  return { store: await openStore(file), second };
}

let databasesMade = 0;

function scratchRoot(): string {
  const ramDisk = "/dev/shm";
  return existsSync(ramDisk) ? ramDisk : tmpdir();
}

export const engineMemoryDriverFactory: DriverFactory = engineDriverFactory("memory");

export const engineSqliteDriverFactory: DriverFactory = engineDriverFactory("sqlite");
