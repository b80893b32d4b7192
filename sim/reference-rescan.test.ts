import assert from "node:assert/strict";
import { test } from "node:test";
import type { Command, Micros } from "@creditpool/core";
import { ReferenceModel } from "./reference-model.ts";

const startAt = Date.UTC(2026, 0, 5, 12);
const credits = (whole: number): Micros => BigInt(whole) * 1_000_000n;

/** A grant, a hold on it and usage that leaves the root in debt; then the hold and grant expire. */
const commands: Command[] = [
  {
    type: "create_grant",
    grantId: "g1",
    poolId: "p00",
    amount: credits(100),
    source: "plan",
    priority: 100,
    effectiveAt: null,
    expiresAt: startAt + 3_600_000,
    costBasis: 0n,
  },
  { type: "create_hold", holdId: "h1", poolId: "p00", amount: credits(30), ttlSeconds: 60 },
  { type: "record_usage", poolId: "p00", amount: credits(120) },
];

function applyAll(model: ReferenceModel): void {
  for (const command of commands) assert.equal(model.apply(command).code, "ok");
  model.advanceTo(startAt + 3_600_000);
}

test("a rescan of the books agrees with the running figures of a sound model", () => {
  const model = new ReferenceModel("p00", startAt);
  applyAll(model);
  assert.equal(model.rescan(), null);
  assert.equal(model.rescan(), null, "a second rescan, from the folded logs, agrees too");
  assert.equal(model.breakage(), 0n);
  assert.equal(model.debtOf("p00"), credits(20), "the expired hold's credits paid 30 of 50");
});

test("a running figure that drifts from the books is named by the next rescan", () => {
  class DriftingDebt extends ReferenceModel {
    protected override bookDebt(carrierId: string, amount: Micros): void {
      super.bookDebt(carrierId, amount);
      this.debtByCarrier.set(carrierId, this.debtOf(carrierId) + 1n);
    }
  }
  const model = new DriftingDebt("p00", startAt);
  applyAll(model);
  assert.equal(model.rescan(), "model rescan: debt of p00 is 20 by scan, 20.000002 kept");
});

test("the model rescans itself after its first batch, and a drift fails its own check", () => {
  class DriftingHeld extends ReferenceModel {
    protected override addHold(...args: Parameters<ReferenceModel["addHold"]>): void {
      super.addHold(...args);
      this.heldByPool.set("p00", 0n);
    }
  }
  const model = new DriftingHeld("p00", startAt);
  for (const command of commands.slice(0, 2)) model.apply(command);
  assert.match(model.selfCheck() ?? "", /^model rescan: held at pool p00 is 30 by scan, 0 kept$/);
});
