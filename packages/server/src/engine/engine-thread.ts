/**
 * The entry of the engine's worker thread: opens its own connection to the store the server
 * serves (sharing a SQLite file's write lock with the serving thread), runs an `Engine` on it
 * with the real clock, and answers `ThreadEngine`'s messages (see there). Answers go back
 * gathered, one message for everything that settled in the same turn.
 */
import { randomFillSync } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { ledgerAuditView } from "../http/audit-views.ts";
import { ulidIdSource } from "../ids.ts";
import { adoptWriteLock, openStore } from "../store/open-store.ts";
import { Engine } from "./engine.ts";
import type { EngineAnswer } from "./results.ts";
import {
  type Call,
  type Settled,
  type ThreadStart,
  type ToThread,
  threadError,
} from "./thread-messages.ts";

if (parentPort === null) throw new Error("engine-thread runs as a worker thread");
const port = parentPort;
const { location, writeLock } = workerData as ThreadStart;

adoptWriteLock(location, writeLock);
const store = await openStore(location);
const clock = Date.now;
const engine = new Engine({
  store,
  clock,
  ids: ulidIdSource(clock, (bytes) => randomFillSync(bytes)),
  onBatch: (stats) => port.postMessage({ kind: "batch", stats }),
  auditView: ledgerAuditView,
});

let settled: Settled[] = [];
function settle(entry: Settled): void {
  if (settled.length === 0) queueMicrotask(sendSettled);
  settled.push(entry);
}
function sendSettled(): void {
  const sending = settled;
  settled = [];
  port.postMessage({ kind: "settled", settled: sending });
}

/** One call: its answer or its error, whether the engine throws at once or rejects later. */
function run(call: Call): void {
  let answer: Promise<EngineAnswer | null>;
  try {
    answer =
      call.request === null
        ? engine.tick(call.organizationId).then(() => null)
        : engine.submit(call.organizationId, call.request, call.options);
  } catch (error) {
    answer = Promise.reject(error);
  }
  answer.then(
    (value) => settle({ id: call.id, answer: value }),
    (error: unknown) => settle({ id: call.id, error: threadError(error) }),
  );
}

port.on("message", (message: ToThread) => {
  switch (message.kind) {
    case "calls":
      for (const call of message.calls) run(call);
      return;
    case "sweep":
      engine.startSweeper(message.intervalMs);
      return;
    case "close":
      void engine
        .close()
        .then(() => store.close())
        .then(() => port.postMessage({ kind: "closed" }));
      return;
  }
});
port.postMessage({ kind: "ready" });
