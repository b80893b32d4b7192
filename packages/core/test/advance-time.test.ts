/**
 * `advance_time`: a test clock's step. It moves the organization's time forward and applies what
 * falls due on the way, in order; it never moves time back; later commands run at the new time.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateCommand } from "../src/index.ts";
import { dayMs, grant, hold, hourMs, ledgerWith, run, t0 } from "./fixtures.ts";

describe("advance_time", () => {
  it("expires what fell due on the way, and later commands run at the new time", () => {
    const ledger = ledgerWith([grant("g1", "root", "10", { expiresAt: t0 + dayMs })]);
    assert.equal(run(ledger, t0 + 1000, hold("h1", "root", "4", 3600)).code, "ok");
    assert.equal(run(ledger, t0 + 2000, { type: "advance_time", to: t0 + 2 * dayMs }).code, "ok");
    assert.equal(ledger.state.now, t0 + 2 * dayMs);
    assert.equal(ledger.state.holds.get("h1")?.status, "expired");
    assert.equal(ledger.state.grants.get("g1")?.closed, "expired");
    const kinds = ledger.transfers.slice(-2).map((transfer) => transfer.kind);
    assert.deepEqual(kinds, ["expire", "expire"]);
    assert.equal(run(ledger, t0 + 3000, grant("g2", "root", "5")).code, "ok");
    assert.equal(ledger.state.grants.get("g2")?.createdAt, t0 + 2 * dayMs);
  });

  it("never moves time back", () => {
    const ledger = ledgerWith([]);
    run(ledger, t0, { type: "advance_time", to: t0 + hourMs });
    assert.equal(run(ledger, t0, { type: "advance_time", to: t0 }).code, "ok");
    assert.equal(ledger.state.now, t0 + hourMs);
  });

  it("takes a time within the ledger's range, naming `to`", () => {
    assert.deepEqual(validateCommand({ type: "advance_time", to: 1 })?.param, "to");
    assert.equal(validateCommand({ type: "advance_time", to: t0 }), null);
  });
});
