/**
 * Fingerprints tell a retried request from another request under the same key. They are now
 * written in one pass and stored short; a key stored by an earlier release, with the full digest
 * of the same canonical JSON, must still recognise its retry.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson, fingerprintOf, sameFingerprint } from "../src/engine/requests.ts";

/** The canonical JSON of earlier releases: a sorted copy, then `JSON.stringify`. */
function sortedCopy(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedCopy(v)]));
  }
  return value;
}

function earlierFingerprint(request: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(sortedCopy(request)))
    .digest("base64url");
}

const requestLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.bigInt(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("fingerprints", () => {
  it("canonical JSON in one pass is the sorted copy's JSON, byte for byte", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), requestLike), (request) => {
        assert.equal(canonicalJson(request), JSON.stringify(sortedCopy(request)));
      }),
      { numRuns: 500 },
    );
  });

  it("do not depend on key order, and tell different requests apart", () => {
    const a = { type: "create_hold", poolId: "pool_1", amount: 5n, ttlSeconds: 60 };
    const b = { ttlSeconds: 60, amount: 5n, poolId: "pool_1", type: "create_hold" };
    assert.equal(fingerprintOf(a), fingerprintOf(b));
    assert.notEqual(fingerprintOf(a), fingerprintOf({ ...a, amount: 6n }));
    assert.notEqual(fingerprintOf(a), fingerprintOf({ ...a, amount: 5 }));
    assert.equal(fingerprintOf(a).length, 22);
  });

  it("a key stored with an earlier release's full digest still recognises its retry", () => {
    const request = { type: "capture_hold", holdId: "hold_1", amount: 600n, memberId: undefined };
    const stored = earlierFingerprint(request);
    assert.equal(stored.length, 43);
    assert.ok(sameFingerprint(stored, fingerprintOf(request)));
    assert.ok(!sameFingerprint(stored, fingerprintOf({ ...request, amount: 601n })));
    assert.ok(sameFingerprint(fingerprintOf(request), fingerprintOf({ ...request })));
    assert.ok(!sameFingerprint(fingerprintOf(request), fingerprintOf({ ...request, amount: 1n })));
  });
});
