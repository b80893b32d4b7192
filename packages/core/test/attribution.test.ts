/**
 * Attribution: every transfer that consumes (capture, usage, debt) carries who and what it was
 * for, and no other transfer carries one. Example tables name the kinds and the capture's meters
 * fallback; a property runs random holds, captures, releases and usage.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Attribution,
  type Command,
  consumingKinds,
  credits,
  limits,
  metersProblem,
  shareByLargestRemainder,
  shareMeters,
  type Transfer,
  tagsProblem,
  validateCommand,
} from "../src/index.ts";
import {
  capture,
  dayMs,
  grant,
  hold,
  ledgerWith,
  minuteMs,
  overage,
  release,
  run,
  runBatch,
  t0,
  usage,
} from "./fixtures.ts";

const tags = { use_case: "support", feature: "faq" };
const holdMeters = { input_tokens: credits("6"), output_tokens: credits("4") };

function describeAttribution(transfer: Transfer): string {
  const { attribution } = transfer;
  if (attribution === undefined) return `${transfer.kind} -`;
  const meters = Object.entries(attribution.meters)
    .map(([meter, share]) => `${meter}=${share / 1_000_000n}`)
    .join(",");
  const tagged = Object.entries(attribution.tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
  const who = `${attribution.memberId ?? "-"}/${attribution.keyId ?? "-"}/${attribution.model ?? "-"}`;
  return `${transfer.kind} ${who} [${meters}] {${tagged}}`;
}

describe("which transfers carry an attribution", () => {
  const rows: readonly {
    step: string;
    command: Command;
    code?: string;
    transfers: readonly string[];
  }[] = [
    {
      step: "a hold carries none; it keeps member, key, model, tags and meters for its capture",
      command: {
        ...hold("h1", "org", "10"),
        memberId: "mem_ada",
        keyId: "key_1",
        model: "gpt-5",
        tags,
        meters: holdMeters,
      },
      transfers: ["hold -"],
    },
    {
      step: "a capture of 12 above the hold's 10: the capture and the excess usage, the hold's meters",
      command: capture("h1", "12"),
      transfers: [
        "capture mem_ada/key_1/gpt-5 [input_tokens=6,output_tokens=4] {use_case=support,feature=faq}",
        "usage mem_ada/key_1/gpt-5 [input_tokens=6,output_tokens=4] {use_case=support,feature=faq}",
      ],
    },
    {
      step: "a capture with meters of its own keeps its own, and the release carries none",
      command: {
        ...capture("h2", "3"),
        meters: { output_tokens: credits("3") },
      },
      transfers: ["capture mem_ada/-/gpt-5 [output_tokens=3] {}", "release -"],
    },
    {
      step: "usage with nothing to attribute still carries an empty attribution",
      command: usage("org", "28"),
      transfers: ["usage -/-/- [] {}", "usage -/-/- [] {}"],
    },
    {
      step: "usage past the grant and the overage allowance: overage usage and debt, both attributed",
      command: { ...usage("org", "20"), tags: { team: "ml" }, model: "m" },
      transfers: ["usage -/-/m [] {team=ml}", "debt -/-/m [] {team=ml}"],
    },
    {
      step: "a grant pays the debt: the grant and the debt payment carry none",
      command: grant("g2", "org", "100"),
      transfers: ["grant -", "debt_payment -"],
    },
  ];

  it("example table", () => {
    const ledger = ledgerWith([grant("g1", "org", "40")], {
      id: "org",
      overageLimit: overage("5"),
    });
    runBatch(ledger, t0, [
      { ...hold("h2", "org", "5"), memberId: "mem_ada", model: "gpt-5", meters: {} },
    ]);
    for (const row of rows) {
      const { outcomes, transfers } = runBatch(ledger, t0 + minuteMs, [row.command]);
      assert.equal(outcomes[0]?.code, row.code ?? "ok", row.step);
      assert.deepEqual(transfers.map(describeAttribution), row.transfers, row.step);
    }
  });

  it("an expired hold's late capture is usage attributed as a capture would be", () => {
    const ledger = ledgerWith([grant("g1", "org", "40")], { id: "org" });
    run(ledger, t0, { ...hold("h1", "org", "10", 60), keyId: "key_1", tags, meters: holdMeters });
    const expired = runBatch(ledger, t0 + dayMs, []).transfers;
    assert.deepEqual(expired.map(describeAttribution), ["expire -"]);
    const { outcomes, transfers } = runBatch(ledger, t0 + dayMs, [capture("h1", "2")]);
    assert.equal(outcomes[0]?.code, "hold_expired");
    assert.deepEqual(transfers.map(describeAttribution), [
      "usage -/key_1/- [input_tokens=6,output_tokens=4] {use_case=support,feature=faq}",
    ]);
  });

  it("a transfer that carries none has no attribution property at all", () => {
    const ledger = ledgerWith([grant("g1", "org", "40")], { id: "org" });
    const { transfers } = runBatch(ledger, t0, [hold("h1", "org", "1"), release("h1")]);
    for (const transfer of transfers) assert.equal(Object.hasOwn(transfer, "attribution"), false);
  });
});

describe("tags and meters are checked where commands are", () => {
  const cases: readonly [string, Command, string | null][] = [
    ["tags within the limits", { ...usage("org", "1"), tags }, null],
    ["a tag key with a capital", { ...usage("org", "1"), tags: { Team: "x" } }, "tags"],
    ["a tag key starting with a digit", { ...hold("h", "org", "1"), tags: { "1x": "x" } }, "tags"],
    [
      "a tag key over the length limit",
      { ...usage("org", "1"), tags: { ["k".repeat(limits.tagKeyLengthMax + 1)]: "x" } },
      "tags",
    ],
    ["an empty tag value", { ...usage("org", "1"), tags: { team: "" } }, "tags"],
    ["a tag value with a control character", { ...usage("org", "1"), tags: { a: "x\n" } }, "tags"],
    [
      "more tags than the maximum",
      {
        ...usage("org", "1"),
        tags: Object.fromEntries(
          Array.from({ length: limits.tagsMax + 1 }, (_, at) => [`t${at}`, "x"]),
        ),
      },
      "tags",
    ],
    ["meters that sum to the amount", { ...usage("org", "3"), meters: holdMeters }, "meters"],
    ["meters that sum to the amount", { ...usage("org", "10"), meters: holdMeters }, null],
    ["no meters at all", { ...usage("org", "10"), meters: {} }, null],
    ["a capture's meters off its amount", { ...capture("h", "1"), meters: holdMeters }, "meters"],
    ["a negative meter", { ...hold("h", "org", "1"), meters: { a: 2n, b: -1n } }, "meters"],
  ];
  for (const [what, command, param] of cases) {
    it(`${what}: ${param ?? "valid"}`, () => {
      assert.equal(validateCommand(command)?.param ?? null, param);
    });
  }

  it("tagsProblem and metersProblem say why", () => {
    assert.match(tagsProblem({ Bad: "x" }) ?? "", /lowercase word/);
    assert.equal(metersProblem({ a: 1n }, 2n), "must sum to the amount");
  });
});

describe("shares by largest remainder", () => {
  it("example table", () => {
    const r = (numerator: bigint, denominator = 1n) => ({ numerator, denominator });
    assert.deepEqual(shareByLargestRemainder(10n, { a: r(1n), b: r(1n), c: r(1n) }), {
      a: 4n,
      b: 3n,
      c: 3n,
    });
    assert.deepEqual(shareByLargestRemainder(7n, { a: r(1n, 3n), b: r(2n, 3n) }), {
      a: 2n,
      b: 5n,
    });
    assert.deepEqual(shareByLargestRemainder(5n, { a: r(0n) }), {});
    assert.deepEqual(shareMeters(3n, { in: 600n, out: 400n }), { in: 2n, out: 1n });
  });

  it("the shares sum to the total, each within one of its exact part", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: limits.amountMicrosMax }),
        fc.dictionary(
          fc.constantFrom("a", "b", "c", "d", "e"),
          fc.bigInt({ min: 0n, max: 10n ** 12n }),
          { minKeys: 1 },
        ),
        (total, meters) => {
          const shares = shareMeters(total, meters);
          const weight = Object.values(meters).reduce((a, b) => a + b, 0n);
          if (weight === 0n) return assert.deepEqual(shares, {});
          assert.equal(
            Object.values(shares).reduce((a, b) => a + b, 0n),
            total,
          );
          for (const [meter, share] of Object.entries(shares)) {
            const exact = (total * (meters[meter] ?? 0n)) / weight;
            assert.ok(share === exact || share === exact + 1n, `${meter}: ${share} near ${exact}`);
          }
        },
      ),
    );
  });
});

describe("attribution property", () => {
  const tagSets: Record<string, string>[] = [
    {},
    { team: "ml" },
    { use_case: "chat", feature: "faq" },
  ];
  const commandArbitrary = fc.oneof(
    fc.record({
      kind: fc.constant("hold" as const),
      amount: fc.integer({ min: 1, max: 30 }),
      tags: fc.constantFrom(...tagSets),
      member: fc.constantFrom(null, "mem_a", "mem_b"),
      split: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("capture" as const),
      amount: fc.integer({ min: 0, max: 40 }),
      which: fc.nat(),
      split: fc.boolean(),
    }),
    fc.record({ kind: fc.constant("release" as const), which: fc.nat() }),
    fc.record({
      kind: fc.constant("usage" as const),
      amount: fc.integer({ min: 1, max: 30 }),
      tags: fc.constantFrom(...tagSets),
      model: fc.constantFrom(null, "gpt-5"),
    }),
  );

  function split(amount: bigint): Record<string, bigint> {
    const input = amount / 3n;
    return amount === 0n ? {} : { input_tokens: input, output_tokens: amount - input };
  }

  it("every consuming transfer has an attribution, every other none; tags round-trip", () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 25 }), (steps) => {
        const ledger = ledgerWith([grant("g1", "org", "100")], {
          id: "org",
          overageLimit: overage("20"),
        });
        const holds: { id: string; tags: Record<string, string> }[] = [];
        const expected = new Map<string, Record<string, string>>();
        let now = t0;
        for (const [at, step] of steps.entries()) {
          now += minuteMs;
          let command: Command;
          if (step.kind === "hold") {
            const id = `h${at}`;
            const amount = BigInt(step.amount) * 1_000_000n;
            command = {
              ...hold(id, "org", "1"),
              amount,
              memberId: step.member,
              tags: step.tags,
              ...(step.split ? { meters: split(amount) } : {}),
            };
            holds.push({ id, tags: step.tags });
            expected.set(id, step.tags);
          } else if (step.kind === "capture" || step.kind === "release") {
            const target = holds[step.which % Math.max(1, holds.length)];
            if (target === undefined) continue;
            if (step.kind === "release") command = release(target.id);
            else {
              const amount = BigInt(step.amount) * 1_000_000n;
              command = {
                ...capture(target.id, "0"),
                amount,
                ...(step.split ? { meters: split(amount) } : {}),
              };
            }
          } else {
            command = { ...usage("org", "1"), amount: BigInt(step.amount) * 1_000_000n };
            command = { ...command, tags: step.tags, model: step.model };
          }
          const { transfers } = runBatch(ledger, now, [command]);
          for (const transfer of transfers) checkTransfer(transfer, command, expected);
        }
      }),
    );
  });

  function checkTransfer(
    transfer: Transfer,
    command: Command,
    holdTags: ReadonlyMap<string, Record<string, string>>,
  ): void {
    const consuming = (consumingKinds as readonly string[]).includes(transfer.kind);
    assert.equal(Object.hasOwn(transfer, "attribution"), consuming, transfer.kind);
    const attribution: Attribution | undefined = transfer.attribution;
    if (attribution === undefined) return;
    const sum = Object.values(attribution.meters).reduce((a, b) => a + b, 0n);
    assert.ok(Object.keys(attribution.meters).length === 0 || sum > 0n);
    if (command.type === "record_usage") assert.deepEqual(attribution.tags, command.tags);
    else if (transfer.holdId !== null)
      assert.deepEqual(attribution.tags, holdTags.get(transfer.holdId));
  }
});
