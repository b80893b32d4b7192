/**
 * The complexity classifier: an example table (one line per request and its tier and rules), and
 * properties: the hint always wins, more tools never lower the tier, and the answer is the same
 * every time.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type ComplexityInput,
  type ComplexityTier,
  classifyComplexity,
  complexityRules,
  complexityTiers,
  tierBelow,
  tierRank,
  tiersFrom,
} from "../src/index.ts";

const quiet: ComplexityInput = {
  inputTokens: 40,
  messages: 1,
  tools: 0,
  systemTokens: 0,
  codeBlocks: 0,
  longestMessageTokens: 30,
  outputTokens: null,
};

describe("the classifier's table", () => {
  const cases: {
    name: string;
    change: Partial<ComplexityInput>;
    tier: ComplexityTier;
    rules: string[];
  }[] = [
    { name: "a short question", change: {}, tier: "light", rules: [] },
    {
      name: "2,000 input tokens",
      change: { inputTokens: 2_000 },
      tier: "standard",
      rules: ["inputTokens"],
    },
    {
      name: "32,000 input tokens",
      change: { inputTokens: 32_000 },
      tier: "heavy",
      rules: ["inputTokens"],
    },
    { name: "one tool", change: { tools: 1 }, tier: "standard", rules: ["tools"] },
    { name: "eight tools", change: { tools: 8 }, tier: "heavy", rules: ["tools"] },
    { name: "seven messages", change: { messages: 7 }, tier: "light", rules: [] },
    { name: "eight messages", change: { messages: 8 }, tier: "standard", rules: ["messages"] },
    {
      name: "a long system prompt",
      change: { systemTokens: 8_000 },
      tier: "heavy",
      rules: ["systemTokens"],
    },
    { name: "a code block", change: { codeBlocks: 1 }, tier: "standard", rules: ["codeBlocks"] },
    {
      name: "a long document",
      change: { longestMessageTokens: 24_000, inputTokens: 24_100 },
      tier: "heavy",
      rules: ["inputTokens", "longestMessageTokens"],
    },
    {
      name: "a long answer asked for",
      change: { outputTokens: 16_000 },
      tier: "heavy",
      rules: ["outputTokens"],
    },
    {
      name: "a short answer asked for",
      change: { outputTokens: 200 },
      tier: "light",
      rules: [],
    },
  ];
  for (const { name, change, tier, rules } of cases) {
    it(`${name}: ${tier}`, () => {
      const answer = classifyComplexity({ ...quiet, ...change });
      assert.equal(answer.tier, tier);
      assert.deepEqual(
        answer.reasons.map((reason) => reason.rule),
        rules,
      );
    });
  }

  it("a reason names its figure and the threshold it reached", () => {
    const answer = classifyComplexity({ ...quiet, tools: 3 });
    assert.deepEqual(answer.reasons, [
      { rule: "tools", figure: 3, threshold: 1, tier: "standard" },
    ]);
  });

  it("the policy's default tier is a floor, and says so", () => {
    const answer = classifyComplexity(quiet, null, "standard");
    assert.equal(answer.tier, "standard");
    assert.deepEqual(answer.reasons, [{ rule: "default_tier", tier: "standard" }]);
    assert.equal(classifyComplexity({ ...quiet, tools: 9 }, null, "standard").tier, "heavy");
  });

  it("the hint wins over every rule", () => {
    const answer = classifyComplexity({ ...quiet, inputTokens: 90_000, tools: 20 }, "light");
    assert.deepEqual(answer, { tier: "light", reasons: [{ rule: "hint", tier: "light" }] });
  });

  it("every rule's heavy threshold is above its standard one", () => {
    for (const rule of complexityRules) assert.ok(rule.heavy > rule.standard, rule.rule);
  });
});

describe("tiers", () => {
  it("step down one at a time and offer the lighter ones after", () => {
    assert.equal(tierBelow("heavy"), "standard");
    assert.equal(tierBelow("standard"), "light");
    assert.equal(tierBelow("light"), "light");
    assert.deepEqual(tiersFrom("heavy"), ["heavy", "standard", "light"]);
    assert.deepEqual(tiersFrom("light"), ["light"]);
  });
});

const count = (max: number) => fc.integer({ min: 0, max });
const inputs = fc.record({
  inputTokens: count(200_000),
  messages: count(100),
  tools: count(40),
  systemTokens: count(20_000),
  codeBlocks: count(20),
  longestMessageTokens: count(100_000),
  outputTokens: fc.option(count(64_000), { nil: null }),
});
const tier = fc.constantFrom(...complexityTiers);

describe("the classifier's properties", () => {
  it("the hint always wins", () => {
    fc.assert(
      fc.property(inputs, tier, tier, (input, hint, floor) => {
        assert.equal(classifyComplexity(input, hint, floor).tier, hint);
      }),
    );
  });

  it("adding tools never lowers the tier", () => {
    fc.assert(
      fc.property(inputs, count(40), tier, (input, more, floor) => {
        const before = classifyComplexity(input, null, floor).tier;
        const after = classifyComplexity({ ...input, tools: input.tools + more }, null, floor).tier;
        assert.ok(tierRank(after) >= tierRank(before));
      }),
    );
  });

  it("the tier is never below the default, and the same input answers the same", () => {
    fc.assert(
      fc.property(inputs, tier, (input, floor) => {
        const answer = classifyComplexity(input, null, floor);
        assert.ok(tierRank(answer.tier) >= tierRank(floor));
        assert.deepEqual(classifyComplexity(input, null, floor), answer);
      }),
    );
  });
});
