/**
 * The entry of the engine's worker thread: opens its own connection to the store the server
 * serves, runs an `Engine` on it, and answers `ThreadEngine`'s messages (see there). Answers go
 * back gathered, one message for everything that settled in the same turn.
 */
import { randomFillSync } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { ulidIdSource } from "../ids.ts";
import { openStore } from "../store/open-store.ts";
import { Engine } from "./engine.ts";
import type { Settled, ToThread } from "./thread-messages.ts";

const port = parentPort;
if (port === null) throw new Error("engine-thread runs as a worker thread");
const { location } = workerData as { location: string };

const store = await openStore(location);
const clock = Date.now;
const engine = new Engine({
  store,
  clock,
  ids: ulidIdSource(clock, (bytes) => randomFillSync(bytes)),
  onBatch: (stats) => port.postMessage({ kind: "batch", stats }),
});

let settled: Settled[] = [];
function settle(entry: Settled): void {
  if (settled.length === 0) queueMicrotask(sendSettled);
  settled.push(entry);
}
function sendSettled(): void {
  const sending = settled;
  settled = [];
  port?.postMessage({ kind: "settled", settled: sending });
}
function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

port.on("message", (message: ToThread) => {
  switch (message.kind) {
    case "submit":
      for (const call of message.calls) {
        engine.submit(call.organizationId, call.request, call.options).then(
          (answer) => settle({ id: call.id, answer }),
          (error: unknown) => settle({ id: call.id, error: failure(error) }),
        );
      }
      return;
    case "tick":
      engine.tick(message.organizationId).then(
        () => settle({ id: message.id, answer: null }),
        (error: unknown) => settle({ id: message.id, error: failure(error) }),
      );
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
