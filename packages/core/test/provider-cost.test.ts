/**
 * Provider cost on the transfers that consume: an event's cost is shared out over its transfers
 * by their amounts (largest remainder, so the shares sum to the cost), a capture by amount scales
 * its hold's cost by captured ÷ held (rounded half up once), and a capture priced from usage keeps
 * its own. Work priced without costs carries none.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { credits, type ProviderCost, shareCost, type Transfer } from "../src/index.ts";
import {
  capture,
  grant,
  hold,
  ledgerWith,
  minuteMs,
  overage,
  runBatch,
  t0,
  usage,
} from "./fixtures.ts";

const usd = (amount: bigint, meters: Record<string, bigint> = {}): ProviderCost => ({
  amount,
  currency: "USD",
  meters,
});

function costs(transfers: readonly Transfer[]): string[] {
  return transfers
    .filter((transfer) => transfer.attribution !== undefined)
    .map((transfer) => {
      const cost = transfer.attribution?.cost;
      const credit = transfer.amount / 1_000_000n;
      const shown = cost === undefined ? "-" : `${cost.amount} ${cost.currency}`;
      return `${transfer.kind} ${credit} ${shown}`;
    });
}

describe("provider cost on consuming transfers", () => {
  it("usage over two grants, the overage allowance and debt: the cost shared by amount", () => {
    const ledger = ledgerWith([grant("g1", "org", "3"), grant("g2", "org", "3")], {
      id: "org",
      overageLimit: overage("1"),
    });
    const { transfers } = runBatch(ledger, t0, [
      { ...usage("org", "10"), cost: usd(1_000n, { lookup: 1_000n }) },
    ]);
    // 3, 3, 1 and 3 of 10 credits: 300, 300, 100 and 300 of 1,000 micro-dollars.
    assert.deepEqual(costs(transfers), [
      "usage 3 300 USD",
      "usage 3 300 USD",
      "usage 1 100 USD",
      "debt 3 300 USD",
    ]);
  });

  it("shares that do not divide evenly still sum to the cost, the rest to the largest remainders", () => {
    const ledger = ledgerWith([grant("g1", "org", "1"), grant("g2", "org", "2")], { id: "org" });
    const { transfers } = runBatch(ledger, t0, [{ ...usage("org", "3"), cost: usd(10n) }]);
    assert.deepEqual(costs(transfers), ["usage 1 3 USD", "usage 2 7 USD"]);
  });

  it("a capture by amount scales the hold's cost by captured ÷ held, rounded half up once", () => {
    const ledger = ledgerWith([grant("g1", "org", "100")], { id: "org" });
    runBatch(ledger, t0, [{ ...hold("h1", "org", "50"), cost: usd(100_000n, { doc: 100_000n }) }]);
    // 30 of 50 credits: 60,000 micro-dollars.
    const { transfers } = runBatch(ledger, t0 + minuteMs, [capture("h1", "30")]);
    assert.deepEqual(costs(transfers), ["capture 30 60000 USD"]);
    assert.deepEqual(transfers[0]?.attribution?.cost?.meters, { doc: 60_000n });
  });

  it("a capture above the hold shares the scaled cost over the capture and the excess", () => {
    const ledger = ledgerWith([grant("g1", "org", "100")], { id: "org" });
    runBatch(ledger, t0, [{ ...hold("h1", "org", "3"), cost: usd(1n) }]);
    // 4 of 3 held: 4/3 of a micro-dollar, rounded half up once to 1, on the capture of 3.
    const { transfers } = runBatch(ledger, t0 + minuteMs, [capture("h1", "4")]);
    assert.deepEqual(costs(transfers), ["capture 3 1 USD", "usage 1 0 USD"]);
  });

  it("a capture priced from usage keeps its own cost, or none when its card had none", () => {
    const ledger = ledgerWith([grant("g1", "org", "100")], { id: "org" });
    runBatch(ledger, t0, [
      { ...hold("h1", "org", "5"), cost: usd(7n), meters: { a: credits("5") } },
      { ...hold("h2", "org", "5"), cost: usd(7n), meters: { a: credits("5") } },
    ]);
    const own = { ...capture("h1", "2"), meters: { b: credits("2") }, cost: usd(40n, { b: 40n }) };
    const none = { ...capture("h2", "2"), meters: { b: credits("2") } };
    const { transfers } = runBatch(ledger, t0 + minuteMs, [own, none]);
    assert.deepEqual(costs(transfers), ["capture 2 40 USD", "capture 2 -"]);
  });

  it("work priced without costs carries none", () => {
    const ledger = ledgerWith([grant("g1", "org", "100")], { id: "org" });
    const { transfers } = runBatch(ledger, t0, [usage("org", "2")]);
    assert.equal(Object.hasOwn(transfers[0]?.attribution ?? {}, "cost"), false);
  });

  it("property: shareCost sums to the cost, each share within one of its exact part", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 }),
        (cost, amounts) => {
          const shares = shareCost(cost, amounts);
          const total = amounts.reduce((a, b) => a + b, 0n);
          assert.equal(
            shares.reduce((a, b) => a + b, 0n),
            cost,
          );
          shares.forEach((share, at) => {
            const exact = cost * (amounts[at] ?? 0n);
            assert.ok(share * total >= exact - total && share * total <= exact + total);
          });
        },
      ),
    );
  });
});
