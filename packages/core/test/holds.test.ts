import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { holdStatus } from "../src/index.ts";
import {
  capture,
  exampleTable,
  grant,
  hold,
  ledgerWith,
  pool,
  release,
  run,
  runBatch,
  secondMs,
  t0,
} from "./fixtures.ts";

exampleTable(
  "a hold reserves in burn order; one capture or release settles it",
  () =>
    ledgerWith(
      [
        pool("team", "org"),
        grant("promo", "org", "30", { priority: 10 }),
        grant("paid", "org", "100"),
      ],
      { id: "org" },
    ),
  [
    {
      step: "hold 50 at team reserves the promotion, then the paid grant",
      command: hold("h1", "team", "50"),
      transfers: ["hold grant:promo > hold:h1 30", "hold grant:paid > hold:h1 20"],
      expect: {
        promo: "0",
        "promo.held": "30",
        paid: "80",
        "paid.held": "20",
        "team.held": "50",
        "org.held": "50",
        "team.available": "80",
        "h1.status": "held",
      },
    },
    {
      step: "capture 20 takes from the first reservation and returns the rest, in order",
      command: capture("h1", "20"),
      transfers: [
        "capture hold:h1 > consumed:team 20",
        "release hold:h1 > grant:promo 10",
        "release hold:h1 > grant:paid 20",
      ],
      expect: {
        promo: "10",
        "promo.held": "0",
        paid: "100",
        "paid.held": "0",
        "team.held": "0",
        "team.consumedThisPeriod": "20",
        "org.consumedThisPeriod": "20",
        "team.available": "110",
        "h1.status": "captured",
      },
    },
    {
      step: "a second capture of a captured hold is refused",
      command: capture("h1", "5"),
      code: "hold_not_held",
      transfers: [],
      expect: { "team.consumedThisPeriod": "20" },
    },
    {
      step: "a release of a captured hold is refused",
      command: release("h1"),
      code: "hold_not_held",
      transfers: [],
    },
    {
      step: "hold 40 reserves what is left of the promotion, then the paid grant",
      command: hold("h2", "team", "40"),
      transfers: ["hold grant:promo > hold:h2 10", "hold grant:paid > hold:h2 30"],
      expect: { "team.available": "70" },
    },
    {
      step: "release returns every reservation to its grant",
      command: release("h2"),
      transfers: ["release hold:h2 > grant:promo 10", "release hold:h2 > grant:paid 30"],
      expect: { promo: "10", paid: "100", "team.held": "0", "h2.status": "released" },
    },
    {
      step: "a capture of a released hold is refused",
      command: capture("h2", "40"),
      code: "hold_not_held",
      transfers: [],
    },
    {
      step: "hold 10 reserves the promotion",
      command: hold("h3", "team", "10"),
      transfers: ["hold grant:promo > hold:h3 10"],
    },
    {
      step: "capture 25 of a hold of 10 captures 10 and draws the excess 15 as usage",
      command: capture("h3", "25"),
      transfers: ["capture hold:h3 > consumed:team 10", "usage grant:paid > consumed:team 15"],
      expect: { promo: "0", paid: "85", "team.consumedThisPeriod": "45", "h3.status": "captured" },
    },
    {
      step: "hold 5 reserves the paid grant",
      command: hold("h4", "team", "5"),
      transfers: ["hold grant:paid > hold:h4 5"],
    },
    {
      step: "capture 0 captures nothing and returns everything",
      command: capture("h4", "0"),
      transfers: ["release hold:h4 > grant:paid 5"],
      expect: { paid: "85", "team.consumedThisPeriod": "45", "h4.status": "captured" },
    },
    { step: "a capture of an unknown hold", command: capture("h9", "1"), code: "hold_not_found" },
    { step: "a release of an unknown hold", command: release("h9"), code: "hold_not_found" },
    { step: "a hold at an unknown pool", command: hold("h9", "ops", "1"), code: "pool_not_found" },
    { step: "a hold with an id in use", command: hold("h1", "team", "1"), code: "id_in_use" },
  ],
);

exampleTable(
  "a hold expires at its TTL; a capture after that is usage",
  () => ledgerWith([grant("g", "org", "100")], { id: "org" }),
  [
    {
      step: "hold 30 with a TTL of 60 s",
      command: hold("h1", "org", "30", 60),
      transfers: ["hold grant:g > hold:h1 30"],
      expect: { g: "70", "org.available": "70" },
    },
    {
      step: "at 59 s the hold is still held",
      at: 59 * secondMs,
      transfers: [],
      expect: { "h1.status": "held", "org.held": "30" },
    },
    {
      step: "at 60 s the batch begins by expiring it: the credits go back",
      at: 60 * secondMs,
      transfers: ["expire hold:h1 > grant:g 30"],
      expect: { "h1.status": "expired", g: "100", "g.held": "0", "org.held": "0" },
    },
    {
      step: "a release after expiry is answered hold_expired and changes nothing",
      command: release("h1"),
      code: "hold_expired",
      transfers: [],
      expect: { "h1.status": "expired" },
    },
    {
      step: "a capture after expiry is answered hold_expired and recorded as usage",
      command: capture("h1", "30"),
      code: "hold_expired",
      transfers: ["usage grant:g > consumed:org 30"],
      expect: { g: "70", "org.consumedThisPeriod": "30", "h1.status": "expired" },
    },
    {
      step: "a second capture of it records nothing more: one hold's work is counted once",
      command: capture("h1", "30"),
      code: "hold_expired",
      transfers: [],
      expect: { g: "70", "org.consumedThisPeriod": "30", "h1.status": "expired" },
    },
    {
      step: "hold 20 with a TTL of 120 s",
      command: hold("h2", "org", "20", 120),
      transfers: ["hold grant:g > hold:h2 20"],
    },
    {
      step: "a capture in the first batch past the TTL: expiry first, then the capture as usage",
      at: 180 * secondMs,
      command: capture("h2", "20"),
      code: "hold_expired",
      transfers: ["expire hold:h2 > grant:g 20", "usage grant:g > consumed:org 20"],
      expect: { g: "50", "org.consumedThisPeriod": "50" },
    },
  ],
);

describe("a hold's status as of now", () => {
  it("reads expired once now reaches expires_at, before any batch has applied the expiry", () => {
    const ledger = ledgerWith([grant("g", "org", "10")], { id: "org" });
    assert.equal(run(ledger, t0, hold("h1", "org", "4", 60)).code, "ok");
    const placed = ledger.state.holds.get("h1");
    assert.ok(placed !== undefined);
    assert.equal(holdStatus(placed, t0 + 60 * secondMs - 1), "held");
    assert.equal(holdStatus(placed, t0 + 60 * secondMs), "expired");
    assert.equal(placed.status, "held");
  });
});

describe("a hold's transfers carry the hold and its rate-card version", () => {
  it("from the reservation to the capture, and the excess drawn as usage", () => {
    const ledger = ledgerWith([pool("team", "org"), grant("g", "org", "100")], { id: "org" });
    const placed = { ...hold("h1", "team", "10"), rateCardVersion: "rc_7" };
    const batch = runBatch(ledger, t0, [placed, capture("h1", "12")]);
    assert.deepEqual(
      batch.transfers.map((each) => [each.kind, each.poolId, each.holdId, each.rateCardVersion]),
      [
        ["hold", "team", "h1", "rc_7"],
        ["capture", "team", "h1", "rc_7"],
        ["usage", "team", "h1", "rc_7"],
      ],
    );
  });
});
