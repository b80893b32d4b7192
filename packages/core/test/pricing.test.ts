/**
 * Pricing: exact rationals, rounded half up once per event, graduated tiers, minimum charges,
 * versions at their effective boundary, and never a price of zero for what a card does not price.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type Catalog,
  credits,
  pricesFromCatalog,
  priceUsage,
  type RateCard,
  rateCardAt,
  rational,
} from "../src/index.ts";

const perToken = (microCredits: string) => {
  const [whole = "0", fraction = ""] = microCredits.split(".");
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
};

const card: RateCard = {
  id: "rc_1",
  effectiveAt: 1_000,
  minimumCharge: 0n,
  prices: [
    { meter: "input_tokens", dimensions: {}, tiers: [{ upTo: null, price: perToken("2.5") }] },
    {
      meter: "input_tokens",
      dimensions: { model: "big" },
      tiers: [{ upTo: null, price: perToken("15") }],
    },
    { meter: "output_tokens", dimensions: {}, tiers: [{ upTo: null, price: perToken("10") }] },
    {
      meter: "searches",
      dimensions: {},
      tiers: [
        { upTo: 100n, price: perToken("1000") },
        { upTo: null, price: perToken("500") },
      ],
    },
    {
      meter: "document.analyzed",
      dimensions: {},
      tiers: [{ upTo: null, price: rational(credits("0.5")) }],
    },
  ],
};

describe("pricing example table", () => {
  const rows: [string, Record<string, bigint>, Record<string, string>, bigint][] = [
    ["one input token at 2.5 micro-credits rounds half up to 3", { input_tokens: 1n }, {}, 3n],
    [
      "three tokens: 7.5 exactly, rounded once to 8 (never 3 + 3 + 3 = 9)",
      { input_tokens: 3n },
      {},
      8n,
    ],
    [
      "a chat call: 1,000 in + 500 out = 2,500 + 5,000",
      { input_tokens: 1000n, output_tokens: 500n },
      {},
      7500n,
    ],
    ["the most specific price applies: model big", { input_tokens: 2n }, { model: "big" }, 30n],
    [
      "tiers by the event's quantity: 100 at 1,000 then 50 at 500",
      { searches: 150n },
      {},
      125_000n,
    ],
    ["an outcome priced per unit", { "document.analyzed": 1n }, {}, 500_000n],
    ["zero quantities cost nothing", { input_tokens: 0n }, {}, 0n],
  ];
  for (const [name, quantities, dimensions, expected] of rows) {
    it(name, () => {
      const result = priceUsage(card, { quantities, dimensions });
      assert.ok(result.ok);
      assert.equal(result.amount, expected);
      assert.equal(result.rateCardId, "rc_1");
    });
  }

  it("raises an event to the minimum charge", () => {
    const result = priceUsage(
      { ...card, minimumCharge: 100n },
      { quantities: { input_tokens: 1n }, dimensions: {} },
    );
    assert.ok(result.ok);
    assert.equal(result.amount, 100n);
  });

  it("refuses a meter the card does not price, naming it, instead of pricing it at zero", () => {
    const result = priceUsage(card, {
      quantities: { images: 1n },
      dimensions: { model: "painter" },
    });
    assert.deepEqual(result, {
      ok: false,
      code: "meter_not_priced",
      meter: "images",
      reason: "rate card rc_1 does not price images for model painter",
    });
  });

  it("refuses a price above the largest amount, naming the meter that passed it", () => {
    const result = priceUsage(card, {
      quantities: { input_tokens: 1n, output_tokens: 10n ** 30n },
      dimensions: {},
    });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? "" : result.code, "amount_out_of_range");
    assert.equal(result.ok ? "" : result.meter, "output_tokens");
  });

  it("refuses a negative quantity", () => {
    const result = priceUsage(card, { quantities: { input_tokens: -1n }, dimensions: {} });
    assert.equal(result.ok, false);
  });
});

describe("rate-card versions", () => {
  const next: RateCard = { ...card, id: "rc_2", effectiveAt: 2_000 };
  it("none before the first effective time", () =>
    assert.equal(rateCardAt([card, next], 999), null));
  it("the first until the second's effective time", () =>
    assert.equal(rateCardAt([next, card], 1_999)?.id, "rc_1"));
  it("the second from its effective time on, inclusive", () =>
    assert.equal(rateCardAt([card, next], 2_000)?.id, "rc_2"));
});

describe("pricing properties", () => {
  const quantity = fc.bigInt({ min: 0n, max: 10n ** 9n });

  it("is exact: the rounded amount is within half a micro-credit of the exact sum", () => {
    fc.assert(
      fc.property(quantity, quantity, (input, output) => {
        const result = priceUsage(card, {
          quantities: { input_tokens: input, output_tokens: output },
          dimensions: {},
        });
        assert.ok(result.ok);
        const twice = 2n * result.amount * result.exact.denominator;
        const exactTwice = 2n * result.exact.numerator;
        assert.ok(
          twice - exactTwice <= result.exact.denominator &&
            exactTwice - twice < result.exact.denominator,
        );
      }),
    );
  });

  it("is monotone in every quantity", () => {
    fc.assert(
      fc.property(quantity, quantity, quantity, (searches, more, input) => {
        const price = (s: bigint) => {
          const result = priceUsage(card, {
            quantities: { searches: s, input_tokens: input },
            dimensions: {},
          });
          assert.ok(result.ok);
          return result.amount;
        };
        assert.ok(price(searches) <= price(searches + more));
      }),
    );
  });
});

describe("prices from a catalog of list prices", () => {
  const catalog: Catalog = {
    currency: "USD",
    models: [
      {
        provider: "example",
        model: "m",
        per_million: { input_tokens: "2.50", output_tokens: "10" },
        effective: "2025-01-01",
        source: "example",
      },
    ],
  };

  it("turns money per million tokens into credits per token, with markup, exactly", () => {
    const prices = pricesFromCatalog(catalog, { creditValue: "0.01", markup: "0.2" });
    const card2: RateCard = {
      id: "rc_c",
      effectiveAt: 0,
      minimumCharge: 0n,
      prices,
      costCurrency: "USD",
    };
    // $2.50 per 1M tokens x 1.2 / $0.01 per credit = 300 credits per 1M tokens = 300 micro per token.
    const result = priceUsage(card2, {
      quantities: { input_tokens: 1_000_000n },
      dimensions: { model: "m" },
    });
    assert.ok(result.ok);
    assert.equal(result.amount, credits("300"));
    // What the provider charges is the list price: $2.50, 2,500,000 micro-dollars.
    assert.deepEqual(result.cost, {
      amount: 2_500_000n,
      currency: "USD",
      meters: { input_tokens: 2_500_000n },
    });
  });
});

describe("an event's split by meter", () => {
  it("example table: the rounded amount shared by exact cost, largest remainder", () => {
    const rows: [string, Record<string, bigint>, bigint, Record<string, bigint>][] = [
      [
        "a chat call splits as priced",
        { input_tokens: 1000n, output_tokens: 500n },
        0n,
        {
          input_tokens: 2500n,
          output_tokens: 5000n,
        },
      ],
      // 2.5 + 10 = 12.5, rounded to 13: shares of 2.6 and 10.4 give 2 and 10, the one left over
      // goes to the larger remainder (input's 0.6).
      [
        "rounding up lands on the larger remainder",
        { input_tokens: 1n, output_tokens: 1n },
        0n,
        {
          input_tokens: 3n,
          output_tokens: 10n,
        },
      ],
      [
        "a minimum charge is shared out too",
        { input_tokens: 2n, output_tokens: 1n },
        30n,
        {
          input_tokens: 10n,
          output_tokens: 20n,
        },
      ],
      [
        "meters that cost nothing are left out",
        { input_tokens: 4n, output_tokens: 0n },
        0n,
        {
          input_tokens: 10n,
        },
      ],
    ];
    for (const [what, quantities, minimumCharge, meters] of rows) {
      const result = priceUsage({ ...card, minimumCharge }, { quantities, dimensions: {} });
      assert.ok(result.ok, what);
      assert.deepEqual(result.meters, meters, what);
      const sum = Object.values(result.meters).reduce((a, b) => a + b, 0n);
      assert.equal(sum, result.amount, what);
    }
  });
});

describe("provider cost", () => {
  const dollars = (text: string) => {
    const [whole = "0", fraction = ""] = text.split(".");
    // Micro-units of the currency per unit, exact.
    return rational(BigInt(whole + fraction) * 1_000_000n, 10n ** BigInt(fraction.length));
  };
  const costed: RateCard = {
    id: "rc_cost",
    effectiveAt: 0,
    minimumCharge: credits("1"),
    costCurrency: "USD",
    prices: [
      {
        meter: "lookup",
        dimensions: {},
        tiers: [{ upTo: null, price: rational(credits("1")), cost: dollars("0.002") }],
      },
      {
        meter: "document.analyzed",
        dimensions: {},
        tiers: [{ upTo: null, price: rational(credits("50")), cost: dollars("0.10") }],
      },
      {
        meter: "input_tokens",
        dimensions: {},
        tiers: [
          { upTo: 1000n, price: perToken("2"), cost: dollars("0.0000004") },
          { upTo: null, price: perToken("1"), cost: dollars("0.0000001") },
        ],
      },
      { meter: "searches", dimensions: {}, tiers: [{ upTo: null, price: perToken("100") }] },
    ],
  };

  const rows: [string, Record<string, bigint>, bigint | null, Record<string, bigint>][] = [
    ["a lookup costs $0.002", { lookup: 1n }, 2_000n, { lookup: 2_000n }],
    [
      "a document and three lookups: $0.106, split by meter",
      { "document.analyzed": 1n, lookup: 3n },
      106_000n,
      { "document.analyzed": 100_000n, lookup: 6_000n },
    ],
    // 3 tokens at 0.4 micro-dollars is 1.2, rounded once to 1 (never 0 + 0 + 0).
    ["tokens round once, half up", { input_tokens: 3n }, 1n, { input_tokens: 1n }],
    // 1000 × 0.4 + 5 × 0.1 = 400.5 micro-dollars, rounded half up to 401.
    ["tiers carry their own cost", { input_tokens: 1005n }, 401n, { input_tokens: 401n }],
    ["never raised to a minimum: no tokens cost nothing", { input_tokens: 0n }, 0n, {}],
    ["a meter without a cost adds none", { searches: 1n }, null, {}],
  ];
  for (const [name, quantities, amount, meters] of rows) {
    it(name, () => {
      const result = priceUsage(costed, { quantities, dimensions: {} });
      assert.ok(result.ok);
      assert.deepEqual(result.cost, amount === null ? null : { amount, currency: "USD", meters });
    });
  }

  it("is none on a card without costs", () => {
    const result = priceUsage(card, { quantities: { input_tokens: 3n }, dimensions: {} });
    assert.ok(result.ok);
    assert.equal(result.cost, null);
  });

  it("refuses an event whose cost passes the largest amount", () => {
    const result = priceUsage(costed, {
      quantities: { "document.analyzed": 10n ** 14n },
      dimensions: {},
    });
    assert.equal(result.ok, false);
  });

  it("property: the cost rounds once, within half a micro-unit of the exact sum", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.bigInt({ min: 0n, max: 1000n }),
        fc.bigInt({ min: 0n, max: 1000n }),
        (tokens, lookups, documents) => {
          const quantities = {
            input_tokens: tokens,
            lookup: lookups,
            "document.analyzed": documents,
          };
          const result = priceUsage(costed, { quantities, dimensions: {} });
          assert.ok(result.ok);
          assert.ok(result.cost !== null);
          // The exact sum in tenths of a micro-dollar: 4 a token up to 1000, 1 past it.
          const low = tokens < 1000n ? tokens : 1000n;
          const tenths = low * 4n + (tokens - low) + lookups * 20_000n + documents * 1_000_000n;
          const error = result.cost.amount * 10n - tenths;
          assert.ok(error > -5n && error <= 5n, `${result.cost.amount} against ${tenths}/10`);
          const split = Object.values(result.cost.meters).reduce((a, b) => a + b, 0n);
          assert.equal(split, result.cost.amount);
        },
      ),
    );
  });
});
