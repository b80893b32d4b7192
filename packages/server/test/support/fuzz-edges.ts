/**
 * The bounds every seed must reach, sent in order whatever the generators pick: amounts at and
 * past the maximum, running totals driven past 2^63 by valid requests, prices whose product passes
 * 64 bits, dates at years 0001 and 9999, NUL, control characters and lone surrogates in every kind
 * of text, lengths past every maximum, huge arrays and bodies that are not JSON.
 */
import { limits } from "@creditpool/core";
import { teamPlan } from "./billing-world.ts";
import { billingEdges } from "./fuzz-billing-edges.ts";
import { badAmounts, maxCredits } from "./fuzz-fields.ts";
import { type Body, type FuzzRequest, send, times } from "./fuzz-request.ts";
import { RawJson, RawUrl, Ref, time0001, time9999 } from "./fuzz-values.ts";
import { type FuzzWorld, homePrices } from "./fuzz-world.ts";

export interface Edge {
  readonly what: string;
  /** Sent after the seeded requests: it makes the journal long, and each request reads it. */
  readonly last?: true;
  requests(world: FuzzWorld): FuzzRequest[];
}

const maximumEvents = (pool: string, tag: string, count: number) =>
  times(count, (n) => ({ id: `${tag}-${n}`, pool, amount: maxCredits }));

const pricedUsage = (meter: string, quantity: number) => ({ quantities: { [meter]: quantity } });

const hostileNames = ["a\u0000b", "\u0000", "\u0001\u001f\u007f", "\ud800", "x\udfff", "\u2028"];
const pastLength = ["x".repeat(limits.nameLengthMax + 1), "\u0000".repeat(70_000)];
const bodyOperations = [
  "POST /v1/organizations",
  "POST /v1/pools",
  "PATCH /v1/pools/{id}",
  "POST /v1/grants",
  "POST /v1/holds",
  "POST /v1/usage",
  "POST /v1/members",
  "POST /v1/keys",
  "POST /v1/rate-cards",
  "POST /v1/quotes",
  "POST /v1/plans",
  "POST /v1/subscriptions",
  "POST /v1/subscriptions/{id}/seats",
];
/** The id a body edge names in the path of an operation that has one. */
const pathIdOf = (operation: string, w: FuzzWorld): unknown =>
  operation.startsWith("POST /v1/subscriptions/") ? new Ref("subscription", 0) : w.pools.leaf;
const malformed: Body[] = [
  { raw: '{"name": ' },
  { raw: "nul\u0000" },
  { raw: "[".repeat(10_000) },
  { raw: '{"name":"\\ud800","pool":"\\u0000"}' },
  { json: [] },
  { json: null },
  { json: { color: "blue" } },
  { json: times(100_001, () => 0) },
];

export const edges: readonly Edge[] = [
  {
    what: "quotes whose price times quantity passes 64 bits",
    requests: () =>
      [
        pricedUsage("expensive", Number.MAX_SAFE_INTEGER),
        pricedUsage("expensive", 10),
        pricedUsage("expensive", 1),
        pricedUsage("huge", 1),
        pricedUsage("tiny", Number.MAX_SAFE_INTEGER),
        pricedUsage("searches", Number.MAX_SAFE_INTEGER),
        { quantities: { expensive: 1, input_tokens: Number.MAX_SAFE_INTEGER } },
      ].map((usage) => send("POST /v1/quotes", { body: { usage } })),
  },
  {
    what: "holds, captures and usage priced past the maximum amount",
    requests: (w) => [
      send("POST /v1/holds", {
        body: { pool: w.pools.root, usage: pricedUsage("expensive", 10) },
      }),
      send("POST /v1/holds", { body: { pool: w.pools.root, usage: pricedUsage("huge", 1) } }),
      send("POST /v1/holds", { body: { pool: w.pools.team, amount: "1" } }),
      send("POST /v1/holds/{id}/capture", {
        id: new Ref("hold", 0),
        body: { usage: pricedUsage("expensive", Number.MAX_SAFE_INTEGER) },
      }),
      send("POST /v1/usage", {
        body: {
          events: [
            { id: "priced-1", pool: w.pools.team, ...pricedUsage("expensive", 10) },
            { id: "priced-2", pool: w.pools.team, ...pricedUsage("huge", 3) },
            { id: "priced-3", pool: w.pools.team, ...pricedUsage("tiny", Number.MAX_SAFE_INTEGER) },
          ],
        },
      }),
    ],
  },
  {
    what: "credit amounts past the maximum, with 7 fractional digits, exponents or a sign",
    requests: (w) =>
      badAmounts.flatMap((amount) => [
        send("POST /v1/grants", { body: { pool: w.pools.team, amount, source: "purchase" } }),
        send("POST /v1/holds", { body: { pool: w.pools.team, amount } }),
        send("POST /v1/usage", {
          body: { events: [{ id: "bad-amount", pool: w.pools.team, amount }] },
        }),
        send("PATCH /v1/pools/{id}", {
          id: w.pools.leaf,
          body: { limit: { amount, kind: "hard", period: "day" } },
        }),
      ]),
  },
  ...billingEdges,
  {
    what: "dates at years 0001 and 9999",
    requests: (w) => [
      send("POST /v1/grants", {
        body: { pool: w.pools.team, amount: "1", source: "plan", effective_at: time0001 },
      }),
      send("POST /v1/grants", {
        body: { pool: w.pools.team, amount: "1", source: "plan", expires_at: time9999 },
      }),
      send("POST /v1/grants", {
        body: { pool: w.pools.team, amount: "1", source: "plan", effective_at: time9999 },
      }),
      send("POST /v1/grants", {
        body: { pool: w.pools.team, amount: "1", source: "plan", expires_at: time0001 },
      }),
      send("POST /v1/usage", {
        body: {
          events: [
            { id: "year-1", pool: w.pools.team, amount: "1", time: time0001 },
            { id: "year-9999", pool: w.pools.team, amount: "1", time: time9999 },
          ],
        },
      }),
      send("GET /v1/transfers", {
        query: [
          ["from", time0001],
          ["to", time9999],
        ],
      }),
      send("GET /v1/transfers", {
        query: [
          ["from", time9999],
          ["to", time0001],
        ],
      }),
      send("POST /v1/rate-cards", {
        body: {
          effective_at: time9999,
          prices: [{ meter: "input_tokens", credits_per_unit: "1" }],
        },
      }),
      ...[time0001, time9999, "2000-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z"].flatMap(
        (anchor) => [
          send("POST /v1/pools", { body: { parent: w.pools.team, name: "anchored" } }),
          send("POST /v1/subscriptions", {
            body: {
              plan: teamPlan.id,
              seats: 1,
              pool: new Ref("pool", 0),
              anchor_at: anchor,
              time_zone: "Australia/Lord_Howe",
            },
          }),
        ],
      ),
    ],
  },
  {
    what: "NUL, control characters and lone surrogates in every name",
    requests: (w) =>
      [...hostileNames, ...pastLength].flatMap((name) => [
        send("POST /v1/organizations", { key: "operator", body: { name } }),
        send("POST /v1/pools", { body: { parent: w.pools.team, name } }),
        send("PATCH /v1/pools/{id}", { id: w.pools.leaf, body: { name } }),
        send("POST /v1/members", { body: { name } }),
        send("POST /v1/members", { body: { name: "Ann", email: `${name}@example.com` } }),
        send("POST /v1/keys", { body: { name, role: "viewer" } }),
        send("POST /v1/plans", { body: { ...teamPlan, id: "named", name } }),
        send("POST /v1/plans", { body: { ...teamPlan, id: name } }),
        send("POST /v1/plans", {
          body: { ...teamPlan, top_ups: [{ id: name, credits: 1, price: 1 }] },
        }),
        send("POST /v1/subscriptions", { body: { plan: name, pool: w.pools.leaf } }),
        send("POST /v1/subscriptions", {
          body: { plan: teamPlan.id, pool: w.pools.leaf, time_zone: name },
        }),
      ]),
  },
  {
    what: "NUL, control characters and lone surrogates in event ids, outcome keys and dimensions",
    requests: (w) =>
      [...hostileNames, "x".repeat(limits.usageEventIdLengthMax + 1)].map((text) =>
        send("POST /v1/usage", {
          body: {
            events: [
              { id: text, pool: w.pools.team, amount: "1" },
              { id: `outcome ${text}`, pool: w.pools.team, amount: "1", outcome_key: text },
              {
                id: `dimension ${text}`,
                pool: w.pools.team,
                quantities: { input_tokens: 1 },
                dimensions: { model: text, [text]: "m" },
              },
            ],
          },
        }),
      ),
  },
  {
    what: "NUL and undecodable bytes in ids and cursors of URLs",
    requests: () =>
      ["%00", "pool_%00", "%ED%A0%80", "%", "%FF", "x".repeat(limits.idLengthMax + 1)].flatMap(
        (raw) => [
          ...["/v1/pools", "/v1/grants", "/v1/members", "/v1/keys"].map((path) =>
            send(`GET ${path}`, { query: [["starting_after", new RawUrl(raw)]] }),
          ),
          send("GET /v1/pools/{id}", { id: new RawUrl(raw) }),
          ...["/v1/subscriptions", "/v1/invoices"].map((path) =>
            send(`GET ${path}`, { query: [["starting_after", new RawUrl(raw)]] }),
          ),
          send("GET /v1/plans/{id}", { id: new RawUrl(raw) }),
          send("GET /v1/plans/{id}", { id: teamPlan.id, query: [["version", new RawUrl(raw)]] }),
          send("GET /v1/subscriptions/{id}", { id: new RawUrl(raw) }),
          send("POST /v1/invoices/{id}/pay", { id: new RawUrl(raw) }),
          send("GET /v1/invoices", { query: [["subscription", new RawUrl(raw)]] }),
          send("GET /v1/grants", { query: [["pool", new RawUrl(raw)]] }),
          send("GET /v1/transfers", { query: [["hold", new RawUrl(raw)]] }),
          send("GET /v1/transfers", { query: [["starting_after", new RawUrl(raw)]] }),
        ],
      ),
  },
  {
    what: "idempotency keys with control characters, Latin-1, or past the maximum, sent twice",
    requests: (w) =>
      [
        "\u0001",
        "k\u001bey",
        "\u00ff\u0080",
        "x".repeat(limits.idempotencyKeyLengthMax + 1),
      ].flatMap((idempotencyKey) =>
        times(2, () => ({
          ...send("POST /v1/grants", {
            body: { pool: w.pools.team, amount: "1", source: "purchase" },
          }),
          idempotencyKey,
        })),
      ),
  },
  {
    what: "integers past 2^53 and 2^63 where an integer belongs",
    requests: (w) =>
      [2 ** 53, 2 ** 63, 1e300, new RawJson("9223372036854775808"), -1, 1.5].flatMap((n) => [
        send("POST /v1/holds", { body: { pool: w.pools.team, amount: "1", ttl_seconds: n } }),
        send("POST /v1/grants", {
          body: { pool: w.pools.team, amount: "1", source: "plan", priority: n },
        }),
        send("POST /v1/quotes", { body: { usage: { quantities: { input_tokens: n } } } }),
        send("GET /v1/transfers", {
          query: [
            ["starting_after", n],
            ["limit", n],
          ],
        }),
        send("POST /v1/plans", { body: { ...teamPlan, seat_price: n } }),
        send("POST /v1/plans", {
          body: { ...teamPlan, rollover: { cap: { percent: n }, lifetime_days: n } },
        }),
        send("POST /v1/plans", {
          body: { ...teamPlan, commitment: { minimum: n, discount_percent: n } },
        }),
        send("GET /v1/plans/{id}", { id: teamPlan.id, query: [["version", n]] }),
        send("POST /v1/subscriptions", {
          body: { plan: teamPlan.id, plan_version: n, seats: n, pool: w.pools.leaf },
        }),
        send("POST /v1/subscriptions/{id}/seats", {
          id: new Ref("subscription", 0),
          body: { seats: n },
        }),
      ]),
  },
  {
    what: "bodies that are not JSON, not objects, too large, or sent as another type",
    requests: (w) =>
      bodyOperations.flatMap((operation) => {
        const base: FuzzRequest = {
          ...send(operation, { key: operation.includes("organizations") ? "operator" : "owner" }),
          ...(operation.includes("{id}") ? { id: pathIdOf(operation, w) } : {}),
        };
        return [
          ...malformed.map((body) => ({ ...base, body })),
          { ...base, body: { json: {} }, contentType: "text/plain" },
          { ...base, body: { json: {} }, contentType: null },
          { ...base, body: { raw: "name=x" }, contentType: "application/x-www-form-urlencoded" },
          { ...base, body: { json: {} }, contentType: "application/json; charset=utf-16" },
        ];
      }),
  },
  {
    what: "arrays past their maximum: events, prices, tiers and meters",
    requests: (w) => [
      send("POST /v1/usage", {
        body: { events: maximumEvents(w.pools.team, "over", limits.usageEventsPerRequestMax + 1) },
      }),
      send("POST /v1/rate-cards", {
        body: {
          prices: times(limits.rateCardPricesMax + 1, (n) => ({
            meter: `m${n}`,
            credits_per_unit: "1",
          })),
        },
      }),
      send("POST /v1/rate-cards", {
        body: {
          prices: [
            {
              meter: "searches",
              tiers: times(17, (n) => ({ up_to: n === 16 ? null : n + 1, credits_per_unit: "1" })),
            },
          ],
        },
      }),
      send("POST /v1/quotes", {
        body: {
          usage: {
            quantities: Object.fromEntries(
              times(limits.usageMetersPerEventMax + 1, (n) => [`m${n}`, 1]),
            ),
          },
        },
      }),
    ],
  },
  {
    what: "the largest batch of usage events, all valid",
    last: true,
    requests: (w) => [
      send("POST /v1/usage", {
        body: {
          events: times(limits.usageEventsPerRequestMax, (n) => ({
            id: `batch-${n}`,
            pool: [w.pools.team, w.pools.leaf, w.pools.dept][n % 3],
            amount: "0.000001",
          })),
        },
      }),
    ],
  },
  // Last: these drive running totals to their limit, after which usage on the tree is refused.
  {
    what: "usage events of the maximum amount, twelve in one request, pass 2^63 on one pool",
    requests: (w) => [
      send("POST /v1/usage", { body: { events: maximumEvents(w.pools.team, "burst", 12) } }),
    ],
  },
  {
    what: "usage of the maximum amount, one event a request, twelve times on one pool",
    requests: (w) =>
      times(12, (n) =>
        send("POST /v1/usage", { body: { events: maximumEvents(w.pools.leaf, `one-${n}`, 1) } }),
      ),
  },
  {
    what: "grants of the maximum amount, twelve on one pool",
    requests: (w) =>
      times(12, () =>
        send("POST /v1/grants", {
          body: { pool: w.pools.dept, amount: maxCredits, source: "purchase" },
        }),
      ),
  },
  {
    what: "holds of the maximum amount until the held total passes 2^63",
    requests: (w) => [
      ...times(12, () =>
        send("POST /v1/grants", {
          body: { pool: w.pools.root, amount: maxCredits, source: "promotion" },
        }),
      ),
      ...times(12, () =>
        send("POST /v1/holds", { body: { pool: w.pools.root, amount: maxCredits } }),
      ),
    ],
  },
  {
    what: "captures past the held amount by the maximum amount, twelve times",
    requests: (w) =>
      times(12, () => [
        send("POST /v1/holds", { body: { pool: w.pools.dept, amount: "1" } }),
        send("POST /v1/holds/{id}/capture", {
          id: new Ref("hold", 0),
          body: { amount: maxCredits },
        }),
      ]).flat(),
  },
  {
    what: "a minimum charge of the maximum amount, then quotes and usage under it",
    requests: (w) => [
      send("POST /v1/rate-cards", {
        body: {
          minimum_charge: maxCredits,
          prices: [{ meter: "input_tokens", credits_per_unit: "1" }],
        },
      }),
      send("POST /v1/quotes", { body: { usage: pricedUsage("input_tokens", 1) } }),
      send("POST /v1/usage", {
        body: {
          events: times(12, (n) => ({
            id: `minimum-${n}`,
            pool: w.pools.leaf,
            ...pricedUsage("input_tokens", 1),
          })),
        },
      }),
      // The usual prices again, a second later so the two versions never tie.
      {
        ...send("POST /v1/rate-cards", { body: { minimum_charge: "0.001", prices: homePrices } }),
        advanceMs: 1000,
      },
    ],
  },
];
