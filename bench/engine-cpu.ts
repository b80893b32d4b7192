/**
 * `npm run bench:cpu`: what the ledger costs in CPU alone, with no database. Three figures, each
 * over hold+capture pairs on one hot pool (the capture takes 60% and returns the rest):
 *
 * - **engine, null store**: the whole engine (queue, batches, idempotency, fingerprints, the core,
 *   answers, pruning) over a store that keeps only the organization row and writes nothing; 256
 *   callers submit with an idempotency key each, as `npm run bench` does. Process CPU per command.
 * - **core**: `beginBatch` and `applyCommand` alone, 256 commands a batch, as the engine calls them.
 * - **governed**: the engine and the core again, each hold made by a key for a member on a model,
 *   under a pool with a member cap, a key cap, a rate limit per key and an allow-list (every
 *   bound far from reached): what governance adds to a hold.
 * - **minimal ledger**: the in-run baseline, a hold and capture on plain numbers and a map of
 *   holds, with no journal, no tree and no rules: the floor a ledger cannot go below.
 *
 *   npm run bench:cpu -- --seconds 5
 */
import { randomFillSync } from "node:crypto";
import { parseArgs } from "node:util";
import {
  applyCommand,
  beginBatch,
  type Command,
  clearDirty,
  type LedgerState,
  type PoolPolicy,
  pruneSettled,
  talliesNeeded,
} from "@creditpool/core";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { resultId } from "../packages/server/src/engine/results.ts";
import { ulidIdSource } from "../packages/server/src/ids.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { idempotencyKeys } from "./funded-organization.ts";
import { describeMachine } from "./machine.ts";
import { fundingGrant, NullStore } from "./null-store.ts";

const callers = 256;
const hold = 1_000n;
const capture = 600n;

interface Figure {
  readonly system: string;
  readonly pairs: number;
  readonly seconds: number;
  /** CPU microseconds per pair. */
  readonly cpuPerPair: number;
}

/** Caps and buckets no bench run reaches, and an allow-list naming the model the holds use. */
const policy: Partial<PoolPolicy> = {
  memberCap: { amount: 10n ** 17n, period: "month" },
  keyCap: { amount: 10n ** 17n, period: "month" },
  rateLimits: [{ per: "key", requestsPerMinute: 1_000_000, creditsPerMinute: 10n ** 17n }],
  allowedModels: ["model-a", "model-b"],
};

/** What a governed hold names: its key, its member and its model. */
const asker = { keyId: "key_bench", memberId: "mem_bench", model: "model-a" };

async function engineWithNullStore(seconds: number, governed = false): Promise<Figure> {
  const store = new NullStore();
  const ids = ulidIdSource(Date.now, (bytes) => randomFillSync(bytes));
  const engine = new Engine({ store: store as unknown as Store, clock: Date.now, ids });
  const { id, rootPoolId } = await engine.createOrganization("cpu");
  const granted = await engine.submit(id, fundingGrant(rootPoolId, 10n ** 15n));
  if (granted.code !== "ok") throw new Error(`grant refused: ${granted.code}`);
  if (governed) await engine.submit(id, { type: "update_pool", poolId: rootPoolId, policy });
  const who = governed ? asker : {};
  const pair = async () => {
    const held = await engine.submit(
      id,
      { type: "create_hold", poolId: rootPoolId, amount: hold, ttlSeconds: 600, ...who },
      { idempotencyKey: idempotencyKeys.next("key") },
    );
    const holdId = resultId(held.result);
    if (holdId === null) throw new Error(`hold refused: ${held.code}`);
    const captured = await engine.submit(
      id,
      { type: "capture_hold", holdId, amount: capture },
      { idempotencyKey: idempotencyKeys.next("key") },
    );
    if (captured.code !== "ok") throw new Error(`capture refused: ${captured.code}`);
  };
  // Warm-up, then the measured window.
  await timed(1, pair);
  const figure = await timed(seconds, pair);
  await engine.close();
  return { system: governed ? "engine, null store, governed" : "engine, null store", ...figure };
}

/** Runs `pair` from `callers` callers for `seconds`: pairs made and process CPU per pair. */
async function timed(seconds: number, pair: () => Promise<void>) {
  const end = performance.now() + seconds * 1000;
  let pairs = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < end) {
        await pair();
        pairs += 1;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return {
    pairs,
    seconds: (performance.now() - started) / 1000,
    cpuPerPair: (used.user + used.system) / pairs,
  };
}

function coreAlone(seconds: number, governed = false): Figure {
  const store = new NullStore();
  const state: LedgerState = store.fundedState(10n ** 15n);
  const poolId = store.rootPoolId;
  const who = governed ? asker : {};
  if (governed) {
    const context = beginBatch(state, Date.now(), (prefix) => `${prefix}_policy`);
    applyCommand(context, { type: "update_pool", poolId, policy });
    // The whole state is here: tallies never counted are zero, as a store would answer.
    const probe: Command = {
      type: "create_hold",
      holdId: "probe",
      poolId,
      amount: 1n,
      ttlSeconds: 1,
      ...who,
    };
    for (const key of talliesNeeded(state, probe)) state.tallies.set(key, { start: 0, amount: 0n });
    for (const key of talliesNeeded(state, { type: "record_usage", poolId, amount: 1n, ...who }))
      state.tallies.set(key, { start: 0, amount: 0n });
  }
  let next = 0;
  const nextId = (prefix: string) => `${prefix}_${(next++).toString(36)}`;
  const perBatch = 128;
  let pairs = 0;
  let now = Date.now();
  const end = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() < end) {
    now += 1;
    const context = beginBatch(state, now, nextId);
    const holds: string[] = [];
    for (let i = 0; i < perBatch; i++) {
      const holdId = nextId("hold");
      const made: Command = {
        type: "create_hold",
        holdId,
        poolId,
        amount: hold,
        ttlSeconds: 600,
        ...who,
      };
      if (applyCommand(context, made).code !== "ok") throw new Error("hold refused");
      holds.push(holdId);
    }
    for (const holdId of holds) {
      const settled: Command = { type: "capture_hold", holdId, amount: capture };
      if (applyCommand(context, settled).code !== "ok") throw new Error("capture refused");
    }
    pruneSettled(state);
    clearDirty(state);
    pairs += perBatch;
  }
  const used = process.cpuUsage(cpu);
  return {
    system: governed ? "core, governed" : "core",
    pairs,
    seconds: (performance.now() - started) / 1000,
    cpuPerPair: (used.user + used.system) / pairs,
  };
}

/** The floor: balances as numbers, holds in a map, nothing recorded. */
function minimalLedger(seconds: number): Figure {
  let available = 10n ** 15n;
  let held = 0n;
  let consumed = 0n;
  const holds = new Map<number, bigint>();
  let next = 0;
  let pairs = 0;
  const end = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const id = next++;
      if (available < hold) throw new Error("refused");
      available -= hold;
      held += hold;
      holds.set(id, hold);
      const amount = holds.get(id) ?? 0n;
      holds.delete(id);
      held -= amount;
      consumed += capture;
      available += amount - capture;
    }
    pairs += 1000;
  }
  const used = process.cpuUsage(cpu);
  if (available + held + consumed !== 10n ** 15n)
    throw new Error("the minimal ledger lost credits");
  return {
    system: "minimal ledger",
    pairs,
    seconds: (performance.now() - started) / 1000,
    cpuPerPair: (used.user + used.system) / pairs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "5" }, help: { type: "boolean" } },
  });
  const seconds = Number(values.seconds);
  if (!(seconds > 0) || values.help === true) {
    process.stderr.write("usage: npm run bench:cpu -- [--seconds 5]\n");
    process.exit(values.help === true ? 0 : 2);
  }
  const args = process.argv.slice(2);
  const facts = {
    date: new Date().toISOString(),
    command: ["npm run bench:cpu", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
  };
  for (const [name, value] of Object.entries(facts)) process.stdout.write(`${name}: ${value}\n`);
  const figures: Figure[] = [];
  process.stdout.write("engine over the null store...\n");
  figures.push(await engineWithNullStore(seconds));
  process.stdout.write("core alone...\n");
  figures.push(coreAlone(1));
  figures[1] = coreAlone(seconds);
  process.stdout.write("engine and core, governed...\n");
  figures.push(await engineWithNullStore(seconds, true));
  coreAlone(1, true);
  figures.push(coreAlone(seconds, true));
  process.stdout.write("minimal ledger...\n");
  minimalLedger(1);
  figures.push(minimalLedger(seconds));
  const floor = figures[4]?.cpuPerPair ?? 1;
  const lines = [
    "",
    "| system | pairs | pairs/s | CPU µs per pair | CPU µs per command | × minimal ledger |",
    "|---|--:|--:|--:|--:|--:|",
    ...figures.map(
      (f) =>
        `| ${f.system} | ${f.pairs.toLocaleString("en")} | ${Math.round(f.pairs / f.seconds).toLocaleString("en")} | ` +
        `${f.cpuPerPair.toFixed(2)} | ${(f.cpuPerPair / 2).toFixed(2)} | ${(f.cpuPerPair / floor).toFixed(0)} |`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
