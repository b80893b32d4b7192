/** Idempotency keys the SDK makes: ULIDs that sort by the time they were made. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ulid, ulidTime } from "../src/index.ts";

const crockford = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("ulid", () => {
  it("is 26 Crockford base32 characters that carry the time", () => {
    const time = Date.UTC(2026, 10, 21, 9, 30);
    const id = ulid(time);
    assert.match(id, crockford);
    assert.equal(ulidTime(id), time);
  });

  it("sorts later keys after earlier ones, whatever the random part", () => {
    const high = (bytes: Uint8Array) => bytes.fill(0xff);
    const low = (bytes: Uint8Array) => bytes.fill(0);
    const times = [0, 1, 31, 32, 1_000, Date.UTC(2026, 0, 1), 2 ** 48 - 1];
    for (const [index, time] of times.slice(1).entries()) {
      const earlier = ulid(times[index] ?? 0, high);
      const later = ulid(time, low);
      assert.ok(earlier < later, `${earlier} < ${later}`);
    }
  });

  it("encodes the 80 random bits exactly", () => {
    assert.equal(
      ulid(0, (bytes) => bytes.fill(0)),
      "0".repeat(26),
    );
    assert.equal(
      ulid(0, (bytes) => bytes.fill(0xff)),
      `${"0".repeat(10)}${"Z".repeat(16)}`,
    );
    const one = (bytes: Uint8Array) => {
      bytes.fill(0);
      bytes[9] = 1;
    };
    assert.equal(ulid(0, one), `${"0".repeat(25)}1`);
  });

  it("differs between calls in the same millisecond", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => ulid(1_000)));
    assert.equal(ids.size, 1000);
  });

  it("refuses a time outside 48 bits", () => {
    assert.throws(() => ulid(-1), RangeError);
    assert.throws(() => ulid(2 ** 48), RangeError);
    assert.throws(() => ulid(1.5), RangeError);
  });
});
