/**
 * Generates the demo into a database: Acme AI made through the engine and the store directly (no
 * HTTP, for speed), then weeks of activity with the engine's clock moved forward tick by tick.
 * The simulated weeks end at `end` (by default now), so a server started afterwards on the same
 * database with the wall clock carries on from where the simulation stopped.
 */
import { randomFillSync } from "node:crypto";
import { credits } from "@creditpool/core";
import { Engine } from "../engine/engine.ts";
import { type RandomFill, ulidIdSource } from "../ids.ts";
import { Prng } from "../prng.ts";
import { createServices } from "../services/services.ts";
import { openStore } from "../store/open-store.ts";
import { acmeSpec, type DemoSize } from "./acme.ts";
import { Activity, SimulatedClock, tickMs } from "./activity.ts";
import { watchPools } from "./alerts.ts";
import { type DemoContext, DemoOrganization } from "./demo-organization.ts";
import { Funding } from "./funding.ts";
import { governanceSummary, governPools } from "./governance.ts";
import type { DemoResult } from "./result.ts";

export type { DemoResult } from "./result.ts";

const hourMs = 3_600_000;
const dayMs = 86_400_000;

import { demoWeeksMax } from "./acme.ts";

export { demoWeeksMax };

export interface DemoOptions {
  /** A SQLite file or postgres:// URL; the demo adds one organization to it. */
  readonly database: string;
  readonly weeks: number;
  readonly seed: number;
  readonly size: DemoSize;
  /** When the simulated weeks end, in epoch milliseconds; by default now. */
  readonly end?: number;
  readonly onProgress?: (progress: DemoProgress) => void;
}

export interface DemoProgress {
  readonly ticks: number;
  readonly ticksDone: number;
  /** The simulated time reached. */
  readonly at: number;
  readonly holds: number;
}

export async function generateDemo(options: DemoOptions): Promise<DemoResult> {
  const { weeks, seed } = options;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > demoWeeksMax) {
    throw new RangeError(`weeks must be an integer from 1 to ${demoWeeksMax}, got ${weeks}`);
  }
  const end = Math.floor((options.end ?? Date.now()) / tickMs) * tickMs;
  const start = Math.floor((end - weeks * 7 * dayMs) / dayMs) * dayMs;
  const clock = new SimulatedClock(start);
  // Ids and key secrets come from the system's random source: the seed shapes the activity only,
  // so two demos in one database never share an id and no key can be guessed from a seed.
  const fill: RandomFill = (bytes) => {
    randomFillSync(bytes);
  };
  const ids = ulidIdSource(clock.read, fill);
  const store = await openStore(options.database);
  const engine = new Engine({ store, clock: clock.read, ids });
  try {
    const spec = acmeSpec(options.size);
    const services = createServices({ engine, store, clock: clock.read, ids, fillRandom: fill });
    const context: DemoContext = { services, clock: clock.read, ids };
    const organization = await DemoOrganization.create(context, spec);
    await governPools(context, organization);
    const funding = new Funding(organization, spec);
    await funding.open(start, end);
    const activity = new Activity(context, organization, spec, funding, new Prng(seed));
    const ticks = (end - start) / tickMs;
    const duplicateAt = start + dayMs + 10 * hourMs;
    const capAt = start + Math.floor(((end - start) * 0.7) / tickMs) * tickMs;
    for (let index = 1; index <= ticks; index += 1) {
      const at = start + index * tickMs;
      clock.now = at;
      if (at % dayMs === 0) await funding.renewDue();
      if (at === duplicateAt) await funding.duplicatePurchase();
      if (at === capAt) await activity.capBudget("Tier 1", credits("150"));
      if (at % hourMs === 0) await funding.topUpIfLow();
      await activity.tick(index, at, start, end);
      options.onProgress?.({ ticks, ticksDone: index, at, holds: activity.stats.holds });
    }
    await activity.jobInFlight("Platform");
    await engine.tick(organization.organizationId);
    const revenue = await organization.revenue(start, end);
    const alerts = await watchPools(context, organization);
    const governance = await governanceSummary(context, organization);
    return {
      organizationId: organization.organizationId,
      name: spec.name,
      start,
      end,
      spec,
      keys: organization.keys,
      grants: funding.grants,
      topUps: funding.topUps,
      renewals: funding.renewals,
      revenue,
      activity: activity.stats,
      alerts,
      governance,
    };
  } finally {
    await engine.close();
    await store.close();
  }
}
