/**
 * Properties of the report math over random journals and usages: buckets sum to the journal for
 * any period and grouping; meter shares sum to the amount; pooling never does worse than silos;
 * the buyer's costs grow with usage.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Attribution,
  type BuyersPrices,
  costsOf,
  crossingDays,
  foldUsage,
  type Interval,
  largestRemainder,
  pricings,
  replayPooling,
  scaled,
  sumUsage,
  type Transfer,
  tiles,
  withUntagged,
} from "../src/index.ts";

const yearStart = Date.parse("2027-01-01T00:00:00Z");
const yearMs = 365 * 86_400_000;

const attributionArbitrary: fc.Arbitrary<Attribution | undefined> = fc.option(
  fc.record({
    memberId: fc.option(fc.constantFrom("mem_a", "mem_b", "mem_c")),
    keyId: fc.option(fc.constantFrom("key_a", "key_b")),
    model: fc.option(fc.constantFrom("m1", "m2")),
    meters: fc.dictionary(fc.constantFrom("in", "out", "img"), fc.bigInt({ min: 0n, max: 1_000n })),
    tags: fc.dictionary(fc.constantFrom("feature", "team"), fc.constantFrom("x", "y")),
  }),
  { nil: undefined },
);

const transferArbitrary = fc.record({
  kind: fc.constantFrom("usage", "capture", "debt", "hold", "grant", "release") as fc.Arbitrary<
    Transfer["kind"]
  >,
  covered: fc.boolean(),
  amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  offset: fc.integer({ min: 0, max: yearMs - 1 }),
  pool: fc.constantFrom("p1", "p2", "p3"),
  grant: fc.constantFrom("g1", "g2"),
  attribution: attributionArbitrary,
});

type Draft = typeof transferArbitrary extends fc.Arbitrary<infer T> ? T : never;

function journalOf(drafts: Draft[]): Transfer[] {
  return drafts
    .map((draft) => ({ ...draft, at: yearStart + draft.offset }))
    .sort((a, b) => a.at - b.at)
    .map((draft, index) => {
      const grantId = draft.kind === "debt" || !draft.covered ? null : draft.grant;
      return {
        id: `t${index}`,
        sequence: index + 1,
        kind: draft.kind,
        debitAccount: draft.kind === "debt" ? `debt:${draft.pool}` : "x",
        creditAccount: "y",
        amount: draft.amount,
        poolId: draft.pool,
        grantId: draft.kind === "grant" || draft.kind === "hold" ? draft.grant : grantId,
        holdId: null,
        rateCardVersion: null,
        at: draft.at,
        ...(draft.attribution === undefined ? {} : { attribution: draft.attribution }),
      };
    });
}

const grantOf = (id: string) => ({
  poolId: "p1",
  costBasis: id === "g1" ? 10_000n : 25_000n,
  rollover: false,
});

const consuming = (t: Transfer) => t.kind === "debt" || t.kind === "usage" || t.kind === "capture";

describe("usage buckets over random journals", () => {
  it("sum to the journal for any span, interval and grouping", () => {
    const dimensions = ["", "member", "key", "model", "meter", "tag:feature"] as const;
    fc.assert(
      fc.property(
        fc.array(transferArbitrary, { maxLength: 40 }),
        fc.integer({ min: 0, max: yearMs }),
        fc.integer({ min: 0, max: yearMs }),
        fc.constantFrom<Interval>("hour", "day", "week", "month"),
        fc.constantFrom(...dimensions),
        fc.integer({ min: 1, max: 4 }),
        (drafts, a, b, interval, dimension, limit) => {
          const journal = journalOf(drafts);
          const [from, to] =
            a <= b ? [yearStart + a, yearStart + b] : [yearStart + b, yearStart + a];
          const coarsest = interval === "week" ? "day" : interval;
          // What a reader gets: whole spans from the stored buckets, parts of hours summed.
          const stored = sumUsage(journal, grantOf);
          const read = tiles(from, to, coarsest).flatMap((tile) =>
            tile.span === null
              ? sumUsage(
                  journal.filter((t) => t.at >= tile.from && t.at < tile.to),
                  grantOf,
                  ["hour"],
                )
              : stored.filter(
                  (row) => row.span === tile.span && row.start >= tile.from && row.start < tile.to,
                ),
          );
          const poolRows = read.filter((row) => row.dimension === "");
          const rows =
            dimension === "tag:feature"
              ? withUntagged(
                  dimension,
                  poolRows,
                  read.filter((row) => row.dimension === dimension),
                )
              : read.filter((row) => row.dimension === dimension);
          const fold = foldUsage(rows, { interval, from, to, limit, groupOf: (row) => row.value });
          const expected = journal
            .filter((t) => consuming(t) && t.at >= from && t.at < to)
            .reduce((sum, t) => sum + t.amount, 0n);
          assert.equal(fold.total.credits, expected);
          assert.equal(
            fold.rows.reduce((sum, row) => sum + row.consumption.credits, 0n),
            expected,
          );
          assert.ok(fold.groups.length <= limit + 1);
          for (const row of fold.rows) assert.ok(row.start >= from && row.end <= to);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("meter shares sum to the amount and differ from the exact share by less than one", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.bigInt({ min: 0n, max: 10n ** 9n })),
        (amount, weights) => {
          const parts = largestRemainder(amount, weights);
          const whole = Object.values(weights).reduce((s, w) => s + (w > 0n ? w : 0n), 0n);
          if (whole === 0n) return assert.deepEqual(parts, []);
          assert.equal(
            parts.reduce((sum, [, share]) => sum + share, 0n),
            amount,
          );
          for (const [name, share] of parts) {
            const exact = amount * (weights[name] ?? 0n);
            assert.ok(share * whole >= exact - whole && share * whole <= exact + whole);
          }
        },
      ),
    );
  });
});

const usagesArbitrary = fc.array(
  fc.record({
    hour: fc.integer({ min: 0, max: 200 }),
    member: fc.constantFrom("a", "b", "c", "d", "(none)"),
    credits: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  }),
  { maxLength: 60 },
);

describe("pooling over random usage", () => {
  it("pooled blocks no more and strands no more than silos; served + blocked = usage", () => {
    fc.assert(
      fc.property(
        usagesArbitrary,
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 5 }),
        (drafts, capacity, extra) => {
          const hours = drafts.map((d) => ({ start: d.hour * 3_600_000, ...d }));
          const members = new Set(hours.map((h) => h.member)).size + extra;
          if (members === 0) return;
          const result = replayPooling(hours, capacity, members);
          const usage = hours.reduce((sum, h) => sum + h.credits, 0n);
          assert.equal(result.pooled.served + result.pooled.blocked, usage);
          assert.equal(result.siloed.served + result.siloed.blocked, usage);
          assert.ok(result.pooled.blocked <= result.siloed.blocked);
          assert.ok(result.siloed.stranded >= result.pooled.stranded);
          assert.equal(result.pooled.served, usage < capacity ? usage : capacity);
          for (const silo of result.perMember) {
            assert.equal(silo.served + silo.blocked, silo.usage);
            assert.ok(silo.served <= silo.quota);
          }
          const last = result.series.at(-1);
          assert.equal(last?.pooled ?? 0n, result.pooled.served);
          assert.equal(last?.siloed ?? 0n, result.siloed.served);
        },
      ),
    );
  });
});

describe("pooling replayed by day but on the days a quota runs out", () => {
  it("answers exactly what the replay of every hour answers", () => {
    const dayMs = 86_400_000;
    fc.assert(
      fc.property(
        usagesArbitrary,
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.integer({ min: 0, max: 5 }),
        (drafts, capacity, extra) => {
          const hours = drafts.map((d) => ({ start: d.hour * 3_600_000, ...d }));
          const members = new Set(hours.map((h) => h.member)).size + extra;
          if (members === 0) return;
          const days = new Map<string, { start: number; member: string; credits: bigint }>();
          for (const hour of hours) {
            const start = Math.floor(hour.start / dayMs) * dayMs;
            const day = days.get(`${start}|${hour.member}`);
            if (day === undefined) days.set(`${start}|${hour.member}`, { ...hour, start });
            else day.credits += hour.credits;
          }
          const crossings = crossingDays([...days.values()], capacity / BigInt(members));
          const crosses = (u: { start: number; member: string }) =>
            crossings.get(Math.floor(u.start / dayMs) * dayMs)?.has(u.member) === true;
          const mixed = [
            ...[...days.values()].filter((day) => !crosses(day)),
            ...hours.filter(crosses),
          ];
          assert.deepEqual(
            replayPooling(mixed, capacity, members),
            replayPooling(hours, capacity, members),
          );
        },
      ),
    );
  });
});

describe("the buyer's math over random usage", () => {
  it("every pricing's cost grows with the usage scale", () => {
    const price = fc.bigInt({ min: 0n, max: 10n ** 7n });
    const credits = fc.bigInt({ min: 0n, max: 10n ** 10n });
    fc.assert(
      fc.property(
        fc.array(credits, { minLength: 1, maxLength: 8 }),
        fc.record({
          seatPrice: price.map((p) => p * 1_000_000n),
          seatCredits: credits,
          overagePrice: price,
          creditPrice: price,
          hybridSeatPrice: price.map((p) => p * 1_000_000n),
          hybridSeatCredits: credits,
        }),
        fc.integer({ min: 0, max: 19 }),
        (usages, drafted, tenths) => {
          const prices: BuyersPrices = { ...drafted, seats: usages.length };
          const lower = costsOf(
            usages.map((u) => scaled(u, tenths)),
            prices,
          );
          const higher = costsOf(
            usages.map((u) => scaled(u, tenths + 1)),
            prices,
          );
          for (const pricing of pricings) assert.ok(lower[pricing] <= higher[pricing], pricing);
        },
      ),
    );
  });
});
