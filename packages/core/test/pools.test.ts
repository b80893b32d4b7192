import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Command, limits } from "../src/index.ts";
import {
  exampleTable,
  grant,
  ledgerWith,
  newLedger,
  pool,
  runBatch,
  setLimit,
  softLimit,
  usage,
} from "./fixtures.ts";

exampleTable("creating and changing pools", () => ledgerWith([], { id: "org" }), [
  { step: "a pool under the root", command: pool("team", "org") },
  { step: "a pool under an unknown parent", command: pool("x", "nope"), code: "pool_not_found" },
  { step: "a pool with an id in use", command: pool("team", "org"), code: "id_in_use" },
  {
    step: "a limit on an unknown pool",
    command: setLimit("nope", softLimit("1")),
    code: "pool_not_found",
  },
  {
    step: "a limit on team",
    command: setLimit("team", softLimit("1")),
    expect: { "team.available": "0" },
  },
  { step: "a grant on an unknown pool", command: grant("g", "nope", "1"), code: "pool_not_found" },
  { step: "a grant on team", command: grant("g", "team", "5") },
  { step: "a grant with an id in use", command: grant("g", "org", "5"), code: "id_in_use" },
  { step: "usage at an unknown pool", command: usage("nope", "1"), code: "pool_not_found" },
]);

describe("the pool tree is bounded", () => {
  it(`is at most ${limits.poolDepthMax} pools deep`, () => {
    const ledger = newLedger({ id: "p1" });
    const chain: Command[] = [];
    for (let depth = 2; depth <= limits.poolDepthMax + 1; depth += 1) {
      chain.push(pool(`p${depth}`, `p${depth - 1}`));
    }
    const codes = runBatch(ledger, ledger.state.now, chain).outcomes.map((each) => each.code);
    assert.deepEqual(codes.slice(0, -1), Array(limits.poolDepthMax - 1).fill("ok"));
    assert.equal(codes.at(-1), "pool_depth_exceeded");
    assert.equal(ledger.state.pools.get(`p${limits.poolDepthMax}`)?.depth, limits.poolDepthMax);
  });

  it(`has at most ${limits.poolsPerOrganizationMax} pools per organization`, () => {
    const ledger = newLedger({ id: "org" });
    const pools: Command[] = [];
    for (let index = 1; index <= limits.poolsPerOrganizationMax; index += 1) {
      pools.push(pool(`p${index}`, "org"));
    }
    const codes = runBatch(ledger, ledger.state.now, pools).outcomes.map((each) => each.code);
    assert.equal(codes.filter((code) => code === "ok").length, limits.poolsPerOrganizationMax - 1);
    assert.equal(codes.at(-1), "pool_count_exceeded");
  });
});
