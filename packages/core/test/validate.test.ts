import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Command, limits, validateCommand } from "../src/index.ts";
import {
  capture,
  grant,
  hardLimit,
  hold,
  pool,
  release,
  setLimit,
  t0,
  usage,
  voidGrant,
} from "./fixtures.ts";

/** Each command and the field a 400 would name, or null when the command is valid. */
const cases: readonly (readonly [string, Command, string | null])[] = [
  ["a hold with the default TTL", hold("h1", "org", "1"), null],
  ["a hold with a TTL of 1 s", hold("h1", "org", "1", 1), null],
  ["a hold with a TTL of 86,400 s", hold("h1", "org", "1", 86_400), null],
  ["a hold with a TTL of 0 s", hold("h1", "org", "1", 0), "ttl_seconds"],
  ["a hold with a TTL of 86,401 s", hold("h1", "org", "1", 86_401), "ttl_seconds"],
  ["a hold with a TTL of 1.5 s", hold("h1", "org", "1", 1.5), "ttl_seconds"],
  ["a hold of 0", hold("h1", "org", "0"), "amount"],
  ["a hold with an empty id", hold("", "org", "1"), "id"],
  ["a hold with a 65-character id", hold("h".repeat(65), "org", "1"), "id"],
  ["a capture of 0", capture("h1", "0"), null],
  ["a capture of -1", capture("h1", "-1"), "amount"],
  ["a release", release("h1"), null],
  ["usage of 0", usage("org", "0"), "amount"],
  ["usage of 0.000001", usage("org", "0.000001"), null],
  ["a grant of 0", grant("g", "org", "0"), "amount"],
  ["a grant with priority 0", grant("g", "org", "1", { priority: 0 }), null],
  ["a grant with priority 1000", grant("g", "org", "1", { priority: 1000 }), null],
  ["a grant with priority 1001", grant("g", "org", "1", { priority: 1001 }), "priority"],
  ["a grant with priority -1", grant("g", "org", "1", { priority: -1 }), "priority"],
  [
    "a grant expiring when it becomes effective",
    grant("g", "org", "1", { effectiveAt: t0, expiresAt: t0 }),
    "expires_at",
  ],
  ["a grant effective before 2000", grant("g", "org", "1", { effectiveAt: 0 }), "effective_at"],
  ["a grant with a negative cost basis", grant("g", "org", "1", { costBasis: "-1" }), "cost_basis"],
  ["a void", voidGrant("g"), null],
  ["a pool with a hard limit of 0", pool("team", "org", { limit: hardLimit("0") }), null],
  ["a limit of -1", setLimit("team", hardLimit("-1")), "limit.amount"],
  [
    "a limit over the maximum amount",
    setLimit("team", { ...hardLimit("1"), amount: limits.amountMicrosMax + 1n }),
    "limit.amount",
  ],
];

describe("validateCommand names the field at fault", () => {
  for (const [name, command, param] of cases) {
    it(`${name}: ${param ?? "valid"}`, () => {
      assert.equal(validateCommand(command)?.param ?? null, param);
    });
  }
});
