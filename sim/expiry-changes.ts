/**
 * The simulator's changes of a grant's expiry: a live grant's moved later, earlier, to now (it
 * expires at once), to a time something else falls due (ties at one instant), before now (which
 * the ledger refuses) or to never; now and then a grant already settled, or none at all.
 */
import type { ChangeGrantExpiry } from "@creditpool/core";
import type { Prng } from "../packages/server/src/prng.ts";
import type { ReferenceModel } from "./reference-model.ts";

const secondMs = 1000;

export function expiryChange(
  rng: Prng,
  model: ReferenceModel,
  recentGrantId: string | undefined,
): ChangeGrantExpiry {
  const now = model.now;
  const live = model.liveGrants();
  const due = model.dueTimes();
  const grant = live.length > 0 && rng.chance(0.9) ? rng.pick(live) : undefined;
  const expiresAt = rng.weighted<number | null>([
    [null, 15],
    [now, 10],
    [now - rng.int(1, 3600) * secondMs, 5],
    [now + rng.int(60, 10 * 86_400) * secondMs, 45],
    [due.length > 0 ? rng.pick(due) : now, 25],
  ]);
  return {
    type: "change_grant_expiry",
    grantId: grant?.id ?? recentGrantId ?? "g_missing",
    expiresAt,
  };
}
