/**
 * What the ledger benchmarks share: time-ordered idempotency keys (as the SDK makes them), and an
 * engine on a timed store with one organization whose root pool holds a grant no run exhausts.
 */
import crypto from "node:crypto";
import { type BatchStats, Engine } from "../packages/server/src/engine/engine.ts";
import { resultId } from "../packages/server/src/engine/results.ts";
import { ulidIdSource } from "../packages/server/src/ids.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { TimedStore } from "./timed-store.ts";

/** Idempotency keys: time-ordered ULIDs, so the key index grows at its right edge. */
export const idempotencyKeys = ulidIdSource(Date.now, (bytes) => crypto.randomFillSync(bytes));

/** Big enough that no run comes near it, small enough for a 64-bit column. */
export const grantMicros = 10n ** 15n;

export interface FundedOrganization {
  readonly timed: TimedStore;
  readonly engine: Engine;
  readonly organizationId: string;
  readonly poolId: string;
  readonly grantId: string;
}

export async function openFundedOrganization(
  store: Store,
  name: string,
  onBatch: (stats: BatchStats) => void,
): Promise<FundedOrganization> {
  const timed = new TimedStore(store);
  const engine = new Engine({
    store: timed,
    clock: Date.now,
    ids: ulidIdSource(Date.now, (bytes) => crypto.randomFillSync(bytes)),
    onBatch,
  });
  const organization = await engine.createOrganization(name);
  const granted = await engine.submit(
    organization.id,
    {
      type: "create_grant",
      poolId: organization.rootPoolId,
      amount: grantMicros,
      source: "purchase",
      priority: 100,
      effectiveAt: null,
      expiresAt: null,
      costBasis: 0n,
    },
    { idempotencyKey: idempotencyKeys.next("key") },
  );
  const grantId = resultId(granted.result);
  if (granted.code !== "ok" || grantId === null)
    throw new Error(`engine setup failed: ${granted.code}`);
  return {
    timed,
    engine,
    organizationId: organization.id,
    poolId: organization.rootPoolId,
    grantId,
  };
}
