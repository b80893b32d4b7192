/**
 * Least-used first, as example tables (one line per account and what the choice must be) and as
 * a property: whatever the accounts, their windows and usage, the account chosen is eligible and
 * none eligible has more headroom; with none eligible, none is chosen.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  compareHeadroom,
  eligible,
  headroomOf,
  leastUsed,
  windowStates,
} from "../src/services/upstream-selection.ts";
import type { UpstreamAccountRow, UpstreamUsageRow } from "../src/store/upstreams.ts";

const now = 1_800_000_000_000;
const hour = 3_600_000;
const fiveHours = 5 * 3600;
const week = 7 * 86_400;

interface Line {
  readonly id: string;
  /** [duration seconds, max requests, max tokens, requests used, tokens used, started ago ms] */
  readonly windows?: readonly (readonly [
    number,
    number | null,
    number | null,
    number,
    number,
    number,
  ])[];
  readonly enabled?: boolean;
  readonly provider?: "openai" | "anthropic";
  readonly coolingUntil?: number | null;
  readonly lastUsedAt?: number | null;
}

function world(lines: readonly Line[]) {
  const accounts: UpstreamAccountRow[] = lines.map((line) => ({
    organizationId: "org_a",
    id: line.id,
    provider: line.provider ?? "anthropic",
    name: line.id,
    baseUrl: "https://api.anthropic.com",
    credentialSealed: "sealed",
    credentialLast4: "abcd",
    windows: (line.windows ?? []).map(([durationSeconds, maxRequests, maxTokens]) => ({
      durationSeconds,
      maxRequests,
      maxTokens,
    })),
    enabled: line.enabled ?? true,
    createdAt: now - 30 * 86_400_000,
    updatedAt: now - 30 * 86_400_000,
    version: 1,
    coolingUntil: line.coolingUntil ?? null,
    lastUsedAt: line.lastUsedAt ?? null,
  }));
  const usage: UpstreamUsageRow[] = lines.flatMap((line) =>
    (line.windows ?? []).map(([durationSeconds, , , requests, tokens, ago]) => ({
      organizationId: "org_a",
      accountId: line.id,
      durationSeconds,
      startedAt: now - ago,
      requests,
      tokens,
    })),
  );
  return { accounts, usage };
}

function choose(lines: readonly Line[], excluded: readonly string[] = []): string | null {
  const { accounts, usage } = world(lines);
  const request = { provider: "anthropic", excluded: new Set(excluded), now };
  return leastUsed(accounts, usage, request)?.id ?? null;
}

describe("least-used first, by example", () => {
  const cases: { name: string; lines: Line[]; excluded?: string[]; chosen: string | null }[] = [
    {
      name: "the account with the most requests left in its 5-hour window",
      lines: [
        { id: "ups_a", windows: [[fiveHours, 100, null, 60, 0, hour]] },
        { id: "ups_b", windows: [[fiveHours, 100, null, 20, 0, hour]] },
        { id: "ups_c", windows: [[fiveHours, 100, null, 90, 0, hour]] },
      ],
      chosen: "ups_b",
    },
    {
      name: "headroom is the smallest fraction: a nearly spent week outweighs a fresh 5 hours",
      lines: [
        {
          id: "ups_a",
          windows: [
            [fiveHours, 100, null, 0, 0, hour],
            [week, null, 1_000_000, 0, 950_000, 86_400_000],
          ],
        },
        { id: "ups_b", windows: [[fiveHours, 100, null, 50, 0, hour]] },
      ],
      chosen: "ups_b",
    },
    {
      name: "a window whose duration has passed counts as unused",
      lines: [
        { id: "ups_a", windows: [[fiveHours, 100, null, 99, 0, 5 * hour]] },
        { id: "ups_b", windows: [[fiveHours, 100, null, 10, 0, hour]] },
      ],
      chosen: "ups_a",
    },
    {
      name: "an exhausted account is never chosen, even alone",
      lines: [{ id: "ups_a", windows: [[fiveHours, 100, null, 100, 0, hour]] }],
      chosen: null,
    },
    {
      name: "an account without windows has full headroom",
      lines: [{ id: "ups_a", windows: [[fiveHours, 100, null, 1, 0, hour]] }, { id: "ups_b" }],
      chosen: "ups_b",
    },
    {
      name: "one cooling down is passed over until its cool-down ends",
      lines: [
        { id: "ups_a", coolingUntil: now + 1 },
        { id: "ups_b", windows: [[fiveHours, 100, null, 99, 0, hour]] },
      ],
      chosen: "ups_b",
    },
    {
      name: "a cool-down that ended is no cool-down",
      lines: [
        { id: "ups_a", coolingUntil: now },
        { id: "ups_b", windows: [[fiveHours, 100, null, 99, 0, hour]] },
      ],
      chosen: "ups_a",
    },
    {
      name: "disabled accounts and other providers' are passed over",
      lines: [
        { id: "ups_a", enabled: false },
        { id: "ups_b", provider: "openai" },
        { id: "ups_c", windows: [[fiveHours, 100, null, 99, 0, hour]] },
      ],
      chosen: "ups_c",
    },
    {
      name: "excluded accounts (tried already for this request) are passed over",
      lines: [{ id: "ups_a" }, { id: "ups_b" }],
      excluded: ["ups_a", "ups_b"],
      chosen: null,
    },
    {
      name: "a tie goes to the least recently used, never used first",
      lines: [
        { id: "ups_a", lastUsedAt: now - hour },
        { id: "ups_b", lastUsedAt: now - 2 * hour },
        { id: "ups_c", lastUsedAt: null },
      ],
      chosen: "ups_c",
    },
    {
      name: "then to the lower id",
      lines: [
        { id: "ups_b", lastUsedAt: now - hour },
        { id: "ups_a", lastUsedAt: now - hour },
      ],
      chosen: "ups_a",
    },
    {
      name: "fractions are compared exactly: 1/3 left beats 333/1000 left",
      lines: [
        { id: "ups_a", windows: [[fiveHours, 1000, null, 667, 0, hour]] },
        { id: "ups_b", windows: [[fiveHours, 3, null, 2, 0, hour]] },
      ],
      chosen: "ups_b",
    },
  ];
  for (const { name, lines, excluded, chosen } of cases)
    it(name, () => assert.equal(choose(lines, excluded), chosen));

  it("shows a window's use and reset time as of now, none once it has passed", () => {
    const { accounts, usage } = world([
      {
        id: "ups_a",
        windows: [
          [fiveHours, 100, 1000, 7, 70, hour],
          [week, 5, null, 1, 1, 8 * 86_400_000],
        ],
      },
    ]);
    const [account] = accounts;
    assert.ok(account !== undefined);
    const [five, weekly] = windowStates(account, usage, now);
    assert.deepEqual([five?.requests, five?.tokens, five?.resetsAt], [7, 70, now + 4 * hour]);
    assert.deepEqual([weekly?.requests, weekly?.startedAt, weekly?.resetsAt], [0, null, null]);
  });
});

const windowArbitrary = fc.record({
  duration: fc.constantFrom(60, fiveHours, week),
  maxRequests: fc.option(fc.integer({ min: 1, max: 50 })),
  maxTokens: fc.option(fc.integer({ min: 1, max: 1000 })),
  requests: fc.integer({ min: 0, max: 60 }),
  tokens: fc.integer({ min: 0, max: 1200 }),
  ago: fc.integer({ min: 0, max: 8 * 86_400_000 }),
});

const lineArbitrary = fc.record({
  windows: fc.uniqueArray(windowArbitrary, { maxLength: 3, selector: (w) => w.duration }),
  enabled: fc.boolean(),
  provider: fc.constantFrom("openai" as const, "anthropic" as const),
  coolingUntil: fc.option(fc.integer({ min: now - hour, max: now + hour })),
  lastUsedAt: fc.option(fc.integer({ min: now - 10 * hour, max: now })),
});

describe("least-used first, as a property", () => {
  it("chooses an eligible account, and none eligible has more headroom", () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { maxLength: 8 }),
        fc.array(fc.nat(7), { maxLength: 3 }),
        (drawn, excludedIndexes) => {
          const lines: Line[] = drawn.map((line, index) => ({
            ...line,
            id: `ups_${index}`,
            windows: line.windows.map(
              (w) => [w.duration, w.maxRequests, w.maxTokens, w.requests, w.tokens, w.ago] as const,
            ),
          }));
          const excluded = new Set(excludedIndexes.map((index) => `ups_${index}`));
          const { accounts, usage } = world(lines);
          const request = { provider: "anthropic", excluded, now };
          const candidates = accounts.map((account) => ({
            account,
            headroom: headroomOf(windowStates(account, usage, now)),
          }));
          const eligibleOnes = candidates.filter((c) => eligible(c, request));
          const chosen = leastUsed(accounts, usage, request);
          if (eligibleOnes.length === 0) return chosen === null;
          const mine = eligibleOnes.find((c) => c.account.id === chosen?.id);
          if (mine === undefined) return false;
          return eligibleOnes.every((other) => compareHeadroom(other.headroom, mine.headroom) <= 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
