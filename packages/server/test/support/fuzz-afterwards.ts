/**
 * What must hold once the fuzzing is over: every organization's ledger still verifies from its
 * journal, and no request left a pool unusable. A normal hold and its capture must go through on
 * each fixture pool once its limits are lifted and a new period has begun, unless its carrier is
 * in debt (then the hold is refused with `pool_in_debt`, as rule 8 says), and always on a new pool
 * under it that funds itself.
 */
import assert from "node:assert/strict";
import { verifyLedger } from "@creditpool/core";
import { at, text } from "./api.ts";
import { describeSent, exchange, prepare } from "./fuzz-exchange.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import type { FuzzWorld } from "./fuzz-world.ts";

/** The rule violations `verify` finds in every organization of the store, by organization. */
export async function ledgerViolations(world: FuzzWorld): Promise<Record<string, unknown[]>> {
  const store = world.api.store;
  const found: Record<string, unknown[]> = {};
  for (const id of await store.listOrganizationIds()) {
    const report = verifyLedger(await store.readSnapshot(id));
    if (report.violations.length > 0) found[id] = [...report.violations];
  }
  return found;
}

/**
 * Moves the clock to the 9th of next month: every day, week and month period has begun since the
 * fuzzing, and every hold it left open is past the longest TTL.
 */
export async function nextPeriod(world: FuzzWorld): Promise<void> {
  const now = new Date(world.api.clock.nowMs);
  const target = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 9, 12);
  world.api.clock.advance(target - world.api.clock.nowMs);
  await world.api.engine.sweepDue();
}

async function expectAnswer(
  world: FuzzWorld,
  request: Omit<FuzzRequest, "key" | "advanceMs">,
  status: number,
  check: (body: unknown) => boolean = () => true,
): Promise<unknown> {
  const full: FuzzRequest = { key: "owner", advanceMs: 0, ...request };
  const sent = prepare(world, full);
  const answer = await exchange(world, full);
  assert.ok(answer.status === status && check(answer.body), describeSent(sent, answer));
  return answer.body;
}

const json = (body: unknown) => ({ body: { json: body } });

/** The pool and its ancestors, nearest first, as the API shows them. */
async function pathOf(world: FuzzWorld, poolId: string): Promise<unknown[]> {
  const path: unknown[] = [];
  let next: unknown = poolId;
  while (typeof next === "string") {
    const view = await expectAnswer(world, { operation: "GET /v1/pools/{id}", id: next }, 200);
    path.push(view);
    next = at(view, "parent");
  }
  return path;
}

async function holdAndCapture(world: FuzzWorld, pool: string): Promise<void> {
  const decision = await expectAnswer(
    world,
    { operation: "POST /v1/holds", ...json({ pool, amount: "1" }) },
    200,
    (body) => at(body, "allowed") === true,
  );
  await expectAnswer(
    world,
    {
      operation: "POST /v1/holds/{id}/capture",
      id: text(decision, "hold.id"),
      ...json({ amount: "1" }),
    },
    200,
    (body) => at(body, "status") === "captured" && at(body, "captured") === "1",
  );
}

/** A hold and its capture on the pool (or `pool_in_debt`), and on a new self-funded child. */
export async function holdStillWorks(world: FuzzWorld, pool: string): Promise<void> {
  const path = await pathOf(world, pool);
  for (const view of path) {
    await expectAnswer(
      world,
      {
        operation: "PATCH /v1/pools/{id}",
        id: text(view, "id"),
        ...json({ limit: null, overage_limit: null }),
      },
      200,
    );
  }
  await expectAnswer(
    world,
    { operation: "POST /v1/grants", ...json({ pool, amount: "10", source: "purchase" }) },
    201,
  );
  const carrier = path.find((view) => at(view, "draws_from_parent") === false) ?? path.at(-1);
  const carrierView = await expectAnswer(
    world,
    { operation: "GET /v1/pools/{id}", id: text(carrier, "id") },
    200,
  );
  if (at(carrierView, "debt") === "0") await holdAndCapture(world, pool);
  else {
    await expectAnswer(
      world,
      { operation: "POST /v1/holds", ...json({ pool, amount: "1" }) },
      200,
      (body) => at(body, "allowed") === false && at(body, "code") === "pool_in_debt",
    );
  }
  const child = await expectAnswer(
    world,
    {
      operation: "POST /v1/pools",
      ...json({ parent: pool, name: "afterwards", draws_from_parent: false }),
    },
    201,
  );
  const childId = text(child, "id");
  await expectAnswer(
    world,
    { operation: "POST /v1/grants", ...json({ pool: childId, amount: "10", source: "purchase" }) },
    201,
  );
  await holdAndCapture(world, childId);
}
