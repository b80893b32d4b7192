/**
 * The HTTP API over an empty memory store with a fixed clock and seeded ids, for tests that need
 * the app itself (its document, its logs) rather than the harness of `api.ts`.
 */
import type { Logger } from "pino";
import { apiDependencies } from "../../src/compose.ts";
import { Engine } from "../../src/engine/engine.ts";
import { createApp } from "../../src/http/app.ts";
import { ledgerAuditView } from "../../src/http/audit-views.ts";
import { Metrics } from "../../src/http/metrics.ts";
import { seededRandomFill, ulidIdSource } from "../../src/ids.ts";
import { MemoryStore } from "../../src/store/memory/memory-store.ts";
import { testSecretBox } from "./api.ts";

export function memoryApp(clock: () => number, logger?: Logger) {
  const store = new MemoryStore();
  const ids = ulidIdSource(clock, seededRandomFill(1));
  const engine = new Engine({ store, clock, ids, auditView: ledgerAuditView });
  const deps = apiDependencies({
    engine,
    store,
    clock,
    ids: ulidIdSource(clock, seededRandomFill(2)),
    fillRandom: seededRandomFill(3),
    metrics: new Metrics(),
    upstreams: { box: testSecretBox },
  });
  const app = createApp(deps, logger === undefined ? {} : { logger });
  return {
    app,
    async close() {
      await engine.close();
      await store.close();
    },
  };
}
