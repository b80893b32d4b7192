/**
 * What a batch pays when something falls due while many holds are open: the core's due queue
 * (one heap entry taken per event) against the scan it replaced (every open hold and grant read,
 * the due ones sorted, the next due time found again), measured in the same run on the same
 * state. Each measured batch moves time by 1 ms, so exactly one hold expires in it.
 *
 *   npm run bench:due -- --holds 1000,100000,1000000 --batches 2000
 */
import { parseArgs } from "node:util";
import {
  addPool,
  applyCommand,
  beginBatch,
  clearDirty,
  credits,
  emptyLedgerState,
  type LedgerState,
  newPool,
  noDueTime,
} from "../packages/core/src/index.ts";
import { describeMachine } from "./machine.ts";

const { values } = parseArgs({
  options: {
    holds: { type: "string", default: "1000,100000,1000000" },
    batches: { type: "string", default: "2000" },
  },
});
const sizes = values.holds.split(",").map(Number);
const batches = Number(values.batches);
const startAt = Date.UTC(2026, 0, 1);
const hourMs = 3_600_000;

/** One pool, one grant, and `count` open holds of one micro-credit, the i-th expiring at 1 h + i ms. */
function stateWithHolds(count: number): LedgerState {
  const state = emptyLedgerState("org_bench", startAt);
  const pool = { id: "p", parentId: null, depth: 1, name: "p", drawsFromParent: false };
  addPool(state, newPool({ ...pool, limit: null, overageLimit: null }, startAt));
  const nextId = transferIds("txn_");
  const context = beginBatch(state, startAt, nextId);
  applyCommand(context, {
    type: "create_grant",
    grantId: "g",
    poolId: "p",
    amount: credits(1_000_000_000),
    source: "purchase",
    priority: 100,
    effectiveAt: null,
    expiresAt: null,
    costBasis: 0n,
  });
  for (let index = 0; index < count; index += 1) {
    // Made one millisecond apart, each with a one-hour TTL: the i-th expires at 1 h + i ms.
    const at = startAt + index;
    const batch = beginBatch(state, at, nextId);
    applyCommand(batch, {
      type: "create_hold",
      holdId: `h${index}`,
      poolId: "p",
      amount: 1n,
      ttlSeconds: 3600,
    });
    batch.transfers.length = 0;
  }
  clearDirty(state);
  return state;
}

function transferIds(prefix: string): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `${prefix}${count}`;
  };
}

/**
 * The scan the due queue replaced: every open grant and hold read, the due ones sorted and (for
 * holds, the only kind due here) marked expired, the next due time found again.
 */
function scanDue(state: LedgerState, now: number): number {
  const due: { at: number; id: string }[] = [];
  let next = noDueTime;
  for (const grant of state.grants.values()) {
    if (grant.closed !== null) continue;
    const at = grant.activated ? grant.expiresAt : grant.effectiveAt;
    if (at === null) continue;
    if (at <= now) due.push({ at, id: grant.id });
    else if (at < next) next = at;
  }
  for (const hold of state.holds.values()) {
    if (hold.status !== "held") continue;
    if (hold.expiresAt <= now) due.push({ at: hold.expiresAt, id: hold.id });
    else if (hold.expiresAt < next) next = hold.expiresAt;
  }
  due.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  for (const { id } of due) {
    const hold = state.holds.get(id);
    if (hold !== undefined) hold.status = "expired";
  }
  return due.length + (next === noDueTime ? 0 : 1);
}

/** Microseconds per batch: each batch moves time on by 1 ms, so one hold falls due in it. */
function measure(count: number, step: (now: number) => void): number {
  const first = startAt + hourMs;
  const started = performance.now();
  for (let batch = 0; batch < count; batch += 1) step(first + batch);
  return ((performance.now() - started) * 1000) / count;
}

console.log("machine:", describeMachine());
console.log(`batches of one due hold each, ${batches} per size (at most one per hold)`);
console.log("open holds | due queue µs/batch | scan µs/batch | scan ÷ queue");
for (const size of sizes) {
  const count = Math.min(batches, size);
  const scanned = stateWithHolds(size);
  let found = 0;
  const scanUs = measure(count, (now) => {
    found += scanDue(scanned, now);
  });
  const queued = stateWithHolds(size);
  const nextId = transferIds("txn_q");
  const queueUs = measure(count, (now) => {
    const context = beginBatch(queued, now, nextId);
    clearDirty(queued);
    context.transfers.length = 0;
  });
  const expired = [...queued.holds.values()].filter((hold) => hold.status === "expired").length;
  if (expired !== count || found === 0)
    throw new Error(`expected ${count} expiries, saw ${expired}`);
  const ratio = scanUs / queueUs;
  console.log(`${size} | ${queueUs.toFixed(2)} | ${scanUs.toFixed(1)} | ${ratio.toFixed(0)}x`);
}
