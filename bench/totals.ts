/**
 * Ledger totals: how fast the projector sums the journal, and what a revenue report over a year
 * costs when it reads the totals, against summing the journal's transfers of that year directly
 * (the naive report) in the same run, on the same SQLite file.
 *
 *   npm run bench:totals -- --events 200000 --reports 20
 */
import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sumTransfers, type Transfer } from "../packages/core/src/index.ts";
import type { Principal } from "../packages/server/src/access/principal.ts";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { ulidIdSource } from "../packages/server/src/ids.ts";
import { createServices } from "../packages/server/src/services/services.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import { describeMachine } from "./machine.ts";
import { Progress } from "./progress.ts";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "200000" },
    reports: { type: "string", default: "20" },
  },
});
const events = Number(values.events);
const reports = Number(values.reports);
const dayMs = 86_400_000;
const yearMs = 365 * dayMs;
/** Usage records submitted at once: one engine batch each. */
const batch = 25;

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const directory = mkdtempSync(join(tmpdir(), "creditpool-totals-"));
try {
  console.log(describeMachine());
  const store = await openStore(join(directory, "totals.db"));
  const start = Date.UTC(2026, 0, 1);
  let now = start;
  const clock = () => now;
  const ids = ulidIdSource(clock, (bytes) => crypto.randomFillSync(bytes));
  const engine = new Engine({ store, clock, ids });
  const services = createServices({
    engine,
    store,
    clock,
    ids,
    fillRandom: (bytes) => crypto.randomFillSync(bytes),
  });
  const { id, rootPoolId } = await engine.createOrganization("Totals");
  const owner: Principal = {
    keyId: "key_bench",
    organizationId: id,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  await engine.submit(id, {
    type: "create_grant",
    poolId: rootPoolId,
    amount: 10n ** 15n,
    source: "purchase",
    priority: 100,
    effectiveAt: null,
    expiresAt: null,
    costBasis: 8_000n,
  });
  const progress = new Progress();
  progress.log(`writing a year of usage: ${events.toLocaleString("en-US")} records`);
  for (let written = 0; written < events; written += batch) {
    now = start + Math.floor((written / events) * yearMs);
    const answers = await Promise.all(
      Array.from({ length: Math.min(batch, events - written) }, () =>
        engine.submit(id, { type: "record_usage", poolId: rootPoolId, amount: 1_500_000n }),
      ),
    );
    if (answers.some((answer) => answer.code !== "ok")) throw new Error("usage refused");
    if ((written / batch) % 800 === 0) progress.log(`${written.toLocaleString("en-US")} written`);
  }
  now = start + yearMs;

  const summing = performance.now();
  const reached = await services.totals.catchUp(id, Number.POSITIVE_INFINITY);
  const sumSeconds = (performance.now() - summing) / 1000;
  const rows = (await store.readTotals(id, "hour", 0, Number.MAX_SAFE_INTEGER)).length;
  console.log(
    `projector: ${reached.summedTo.toLocaleString("en-US")} transfers summed in ` +
      `${sumSeconds.toFixed(2)} s (${Math.round(reached.summedTo / sumSeconds).toLocaleString("en-US")} a second), ${rows.toLocaleString("en-US")} hour totals`,
  );

  // A year's span that starts and ends inside an hour, as a subscription's period does.
  const from = start + 37 * 60_000;
  const to = start + yearMs - 23 * 60_000;
  const fromTotals = await median(reports, () => services.revenue.report(owner, { from, to }));
  const naive = await median(Math.max(1, Math.floor(reports / 5)), async () => {
    const grant = await store.listGrants(id, { limit: 10 });
    const bases = new Map(
      grant.map((g) => [g.id, { poolId: g.poolId, costBasis: g.costBasis, rollover: false }]),
    );
    let after = 0;
    const all: Transfer[] = [];
    for (;;) {
      const page = await store.listTransfers(id, { afterSequence: after, limit: 1000 });
      all.push(...page.filter((t) => t.at >= from && t.at < to));
      const last = page.at(-1);
      if (last === undefined || page.length < 1000) break;
      after = last.sequence;
    }
    return sumTransfers(all, (grantId) => bases.get(grantId));
  });
  console.log("revenue report over a year | median ms");
  console.log(`from the totals | ${fromTotals.toFixed(2)}`);
  console.log(`summing the journal (naive) | ${naive.toFixed(2)}`);
  console.log(`naive ÷ totals | ${(naive / fromTotals).toFixed(1)}×`);
  console.log(progress.total());
  await engine.close();
  await store.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
