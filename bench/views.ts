/**
 * What reading a pool costs as holds pile up: the view the API reads (pools, live grants and only
 * the open holds due by now) against the whole state with every open hold, the way every read
 * went before, measured in the same run on the same SQLite file.
 *
 *   npm run bench:views -- --holds 0,10000,50000 --reads 50
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { availableAt } from "../packages/core/src/index.ts";
import type { Engine } from "../packages/server/src/engine/engine.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import { openFundedOrganization } from "./funded-organization.ts";
import { describeMachine } from "./machine.ts";

const { values } = parseArgs({
  options: {
    holds: { type: "string", default: "0,10000,50000" },
    reads: { type: "string", default: "50" },
  },
});
const sizes = values.holds.split(",").map(Number);
const reads = Number(values.reads);

/** Median milliseconds of `reads` calls of `read`. */
async function median(read: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < reads; index += 1) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function openHolds(engine: Engine, organizationId: string, poolId: string, count: number) {
  const submitted = [];
  for (let index = 0; index < count; index += 1) {
    submitted.push(
      engine.submit(organizationId, {
        type: "create_hold",
        poolId,
        amount: 1_000_000n,
        ttlSeconds: 86_400,
      }),
    );
  }
  for (const answer of await Promise.all(submitted))
    if (answer.result.kind !== "allowed") throw new Error(`hold refused: ${answer.code}`);
}

const directory = mkdtempSync(join(tmpdir(), "creditpool-views-"));
try {
  console.log(describeMachine());
  console.log(`reads per figure: ${reads} (median)`);
  console.log("open holds | view ms | whole state ms | whole ÷ view");
  for (const size of sizes) {
    const store = await openStore(join(directory, `views-${size}.db`));
    const funded = await openFundedOrganization(store, "Views", () => {});
    const { engine, organizationId, poolId } = funded;
    await openHolds(engine, organizationId, poolId, size);
    const view = await median(async () => {
      const state = await engine.readView(organizationId);
      if (state !== null) availableAt(state, poolId);
    });
    const whole = await median(async () => {
      const state = await engine.readState(organizationId);
      if (state !== null) availableAt(state, poolId);
    });
    const ratio = (whole / view).toFixed(1);
    console.log(`${size} | ${view.toFixed(2)} | ${whole.toFixed(2)} | ${ratio}×`);
    await engine.close();
    await store.close();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
