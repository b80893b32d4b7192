/**
 * A second creditpool node in its own thread, with its own SQLite connections on the same file:
 * it races holds against the main thread's engine and reports how many were allowed.
 */
import { randomFillSync } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { Engine } from "../../src/engine/engine.ts";
import { ulidIdSource } from "../../src/ids.ts";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { raceHolds } from "./race.ts";

interface Job {
  file: string;
  organizationId: string;
  poolId: string;
  callers: number;
  attempts: number;
}

const { job } = workerData as { job: Job };
const store = new SqliteStore({ file: job.file });
const engine = new Engine({
  store,
  clock: Date.now,
  ids: ulidIdSource(Date.now, (b) => randomFillSync(b)),
});
const result = await raceHolds(
  [engine],
  job.organizationId,
  job.poolId,
  job.callers,
  job.attempts,
  "worker",
);
await engine.close();
await store.close();
parentPort?.postMessage({ allowed: result.allowed });
