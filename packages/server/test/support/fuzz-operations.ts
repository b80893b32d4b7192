/**
 * One request generator per operation of the API, keyed "METHOD /path" as `/openapi.json` names
 * them, so a new route without one fails the suite. A request is mostly valid but for one field
 * (so it reaches the engine and the store), sometimes all valid with values at the edges, sometimes
 * hostile throughout; bodies may be of the wrong type or not JSON, content types wrong, idempotency
 * keys reused or odd, and keys of every role, bound to a pool or a member, or of another
 * organization.
 */
import { grantSources, limits } from "@creditpool/core";
import fc from "fast-check";
import { roles } from "../../src/store/directory.ts";
import { alertRequests } from "./fuzz-alerts.ts";
import { billingRequests } from "./fuzz-billing.ts";
import { eventRequests } from "./fuzz-events.ts";
import {
  credits,
  enumOf,
  type Field,
  field,
  id,
  integer,
  largestPrice,
  maxCredits,
  nullable,
  objectOf,
  optional,
  sizedBy,
  text,
  time,
  urlId,
  value,
  wrongType,
} from "./fuzz-fields.ts";
import { governanceRequests } from "./fuzz-governance.ts";
import { recurringGrantRequests } from "./fuzz-recurring-grants.ts";
import { reportRequests } from "./fuzz-reports.ts";
import {
  bodyOf,
  type FuzzRequest,
  type KeyName,
  operatorKeys,
  page,
  queryOf,
  request,
} from "./fuzz-request.ts";
import { routingRequests } from "./fuzz-routing.ts";
import { upstreamRequests } from "./fuzz-upstreams.ts";
import { hostileShortText, hostileText, Ref } from "./fuzz-values.ts";

const pricedMeters = ["input_tokens", "output_tokens", "expensive", "huge", "tiny", "searches"];
const badMeter = fc.oneof(
  fc.constantFrom("unknown_meter", "Input_tokens", "a".repeat(101), "a\u0000"),
  hostileShortText,
);
const meter = field(fc.constantFrom(...pricedMeters), badMeter);
const quantity = integer([0, 1, 1_000, 1_000_000, Number.MAX_SAFE_INTEGER]);
const dimensions = optional(
  field(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant({ model: "m" }) },
      { weight: 2, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.constantFrom("model", "feature"), hostileShortText, {
          maxKeys: 2,
        }),
      },
    ),
    fc.oneof(
      fc.dictionary(hostileText, hostileText, { minKeys: 1, maxKeys: 2 }),
      fc.constant(
        Object.fromEntries(
          Array.from({ length: limits.dimensionsPerEventMax + 1 }, (_, n) => [`d${n}`, "v"]),
        ),
      ),
    ),
  ),
);
const quantities = field(
  fc.dictionary(fc.constantFrom(...pricedMeters), quantity.plain, { minKeys: 1, maxKeys: 3 }),
  fc.oneof(
    fc.dictionary(fc.constantFrom(...pricedMeters), quantity.hostile, { minKeys: 1, maxKeys: 2 }),
    fc.dictionary(badMeter, quantity.plain, { minKeys: 1, maxKeys: 2 }),
    fc.constant({}),
    fc.constant(
      Object.fromEntries(
        Array.from({ length: limits.usageMetersPerEventMax + 1 }, (_, n) => [`m${n}`, 1]),
      ),
    ),
  ),
);
const usage = objectOf({ quantities, dimensions });

const period = enumOf(["day", "week", "month"], ["year", "hour", ""]);
const limitObject = optional(
  nullable(objectOf({ amount: credits, kind: enumOf(["hard", "soft"], ["firm", "HARD"]), period })),
);
const overageObject = optional(nullable(objectOf({ amount: credits, period })));

const eventId = field(
  fc.oneof(
    { weight: 4, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom("evt-1", "evt-2") },
  ),
  hostileText,
);
const plainEvent = sizedBy(
  {
    id: eventId,
    pool: id("pool"),
    amount: credits,
    quantities,
    dimensions,
    outcome_key: optional(
      field(
        fc.oneof({ weight: 3, arbitrary: fc.uuid() }, fc.constantFrom("doc-1", "doc-2")),
        hostileText,
      ),
    ),
    time: optional(time),
  },
  ["amount", "quantities"],
);
const cloudEvent = objectOf({
  specversion: enumOf(["1.0"], ["0.3", ""]),
  id: eventId,
  source: text(),
  type: text(fc.constant("usage")),
  time: optional(time),
  data: { ...plainEvent, hostile: fc.oneof(plainEvent.hostile, wrongType) },
});
const event: Field = {
  plain: fc.oneof(
    { weight: 5, arbitrary: plainEvent.plain },
    { weight: 1, arbitrary: cloudEvent.plain },
  ),
  hostile: fc.oneof(
    { weight: 5, arbitrary: plainEvent.hostile },
    { weight: 1, arbitrary: cloudEvent.hostile },
  ),
  optional: false,
};

/** Events of the largest amount on one pool: running totals past 2^63 if nothing stops them. */
const maximumBurst = fc
  .tuple(fc.nat(8), fc.integer({ min: 8, max: 12 }), fc.uuid())
  .map(([back, count, nonce]) =>
    Array.from({ length: count }, (_, n) => ({
      id: `${nonce}-${n}`,
      pool: new Ref("pool", back),
      amount: maxCredits,
    })),
  );
const events = field(
  fc.oneof(
    { weight: 6, arbitrary: fc.array(event.plain, { minLength: 1, maxLength: 4 }) },
    { weight: 4, arbitrary: maximumBurst },
  ),
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.array(event.plain, { maxLength: 3 }), event.hostile, fc.nat())
        .map(([plain, bad, at]) => plain.toSpliced(at % (plain.length + 1), 0, bad)),
    },
    { weight: 1, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.constant(
        Array.from({ length: limits.usageEventsPerRequestMax + 1 }, (_, n) => ({
          id: `over-${n}`,
          pool: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
          amount: "1",
        })),
      ),
    },
  ),
);

const decimalPrice = field(
  fc.constantFrom("0.00025", "1", maxCredits, largestPrice, "0.000000000000000001", "0"),
  fc.constantFrom(
    "10000000000000",
    "99999999999999999999.999999999999999999",
    "1.0000000000000000001",
    "-1",
    "1e3",
    0.5,
    "",
    "1\u0000",
  ),
);
const tiers = field(
  fc
    .uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { maxLength: 2 })
    .chain((bounds) =>
      fc.tuple(
        ...[...[...bounds].sort((a, b) => a - b), null].map((up_to) =>
          decimalPrice.plain.map((credits_per_unit) => ({ up_to, credits_per_unit })),
        ),
      ),
    ),
  fc.oneof(
    fc.array(
      value(objectOf({ up_to: nullable(integer([1, 100])), credits_per_unit: decimalPrice })),
      {
        maxLength: 3,
      },
    ),
    fc.constant(
      Array.from({ length: 17 }, (_, n) => ({
        up_to: n === 16 ? null : n + 1,
        credits_per_unit: "1",
      })),
    ),
  ),
);
const price = sizedBy({ meter, dimensions, credits_per_unit: decimalPrice, tiers }, [
  "credits_per_unit",
  "tiers",
]);
const prices = field(
  fc.array(price.plain, { minLength: 1, maxLength: 4 }),
  fc.oneof(
    fc
      .tuple(fc.array(price.plain, { maxLength: 2 }), price.hostile)
      .map(([plain, bad]) => [...plain, bad]),
    fc.constant([]),
    fc.constant(
      Array.from({ length: limits.rateCardPricesMax + 1 }, (_, n) => ({
        meter: `m${n}`,
        credits_per_unit: "1",
      })),
    ),
  ),
);

const email = optional(
  nullable(
    field(
      fc.constant("ann@example.com"),
      fc.constantFrom(
        "a@b",
        "\u0000@example.com",
        "ann@example.com\u0000",
        `${"x".repeat(limits.nameLengthMax)}@example.com`,
        "\ud800@example.com",
      ),
    ),
  ),
);
const role = enumOf(roles, ["operator", "root", ""]);
const emptyBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

export const requestsByOperation: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/organizations": request("POST /v1/organizations", {
    keys: operatorKeys,
    body: bodyOf(objectOf({ name: text() })),
  }),
  "GET /v1/organization": request("GET /v1/organization", {}),
  "POST /v1/pools": request("POST /v1/pools", {
    body: bodyOf(
      objectOf({
        parent: id("pool"),
        name: text(),
        draws_from_parent: optional(field(fc.boolean(), fc.constantFrom("yes", 1))),
        limit: limitObject,
        overage_limit: overageObject,
      }),
    ),
  }),
  "GET /v1/pools": request("GET /v1/pools", { query: page }),
  "GET /v1/pools/{id}": request("GET /v1/pools/{id}", { id: urlId("pool") }),
  "PATCH /v1/pools/{id}": request("PATCH /v1/pools/{id}", {
    id: urlId("pool"),
    body: bodyOf(
      objectOf({ name: optional(text()), limit: limitObject, overage_limit: overageObject }),
    ),
  }),
  "POST /v1/pools/{id}/boost": request("POST /v1/pools/{id}/boost", {
    id: urlId("pool"),
    body: bodyOf(objectOf({ amount: credits, until: time })),
  }),
  "DELETE /v1/pools/{id}/boost": request("DELETE /v1/pools/{id}/boost", { id: urlId("pool") }),
  "POST /v1/grants": request("POST /v1/grants", {
    body: bodyOf(
      objectOf({
        pool: id("pool"),
        amount: credits,
        source: enumOf(grantSources, ["gift", "PLAN", ""]),
        priority: optional(integer([0, 5, 100, 1_000], [1_001])),
        effective_at: optional(time),
        expires_at: optional(nullable(time)),
        cost_basis: optional(credits),
      }),
    ),
  }),
  "GET /v1/grants": request("GET /v1/grants", {
    query: fc
      .tuple(page, fc.option(value(urlId("pool")), { nil: undefined }))
      .map(([query, pool]) => (pool === undefined ? query : [...query, ["pool", pool] as const])),
  }),
  "GET /v1/grants/{id}": request("GET /v1/grants/{id}", { id: urlId("grant") }),
  "POST /v1/grants/{id}/void": request("POST /v1/grants/{id}/void", {
    id: urlId("grant"),
    body: emptyBody,
  }),
  "POST /v1/grants/{id}/expiry": request("POST /v1/grants/{id}/expiry", {
    id: urlId("grant"),
    body: bodyOf(objectOf({ expires_at: nullable(time) })),
  }),
  "POST /v1/grants/{id}/reallocate": request("POST /v1/grants/{id}/reallocate", {
    id: urlId("grant"),
    body: bodyOf(objectOf({ pool: id("pool"), amount: credits })),
  }),
  "POST /v1/grants/{id}/undo-reallocation": request("POST /v1/grants/{id}/undo-reallocation", {
    id: urlId("grant"),
    body: emptyBody,
  }),
  "POST /v1/holds": request("POST /v1/holds", {
    body: bodyOf(
      sizedBy(
        {
          pool: id("pool"),
          amount: credits,
          usage,
          quote: id("quote"),
          member: optional(id("member")),
          ttl_seconds: optional(integer([1, 60, 600, 86_400], [0, 86_401])),
        },
        ["amount", "usage", "quote"],
      ),
    ),
  }),
  "GET /v1/holds/{id}": request("GET /v1/holds/{id}", { id: urlId("hold") }),
  "POST /v1/holds/{id}/capture": request("POST /v1/holds/{id}/capture", {
    id: urlId("hold"),
    body: bodyOf(sizedBy({ amount: credits, usage }, ["amount", "usage"])),
  }),
  "POST /v1/holds/{id}/release": request("POST /v1/holds/{id}/release", {
    id: urlId("hold"),
    body: emptyBody,
  }),
  "POST /v1/usage": request("POST /v1/usage", { body: bodyOf(objectOf({ events })) }),
  "GET /v1/transfers": request("GET /v1/transfers", {
    query: queryOf({
      limit: integer([1, 5, limits.pageSizeMax], [0, limits.pageSizeMax + 1]),
      starting_after: integer([0, 1, 5]),
      pool: urlId("pool"),
      grant: urlId("grant"),
      hold: urlId("hold"),
      from: time,
      to: time,
    }),
  }),
  "POST /v1/members": request("POST /v1/members", {
    body: bodyOf(
      objectOf({
        name: text(),
        kind: optional(enumOf(["person", "agent"], ["robot", ""])),
        role: optional(role),
        pool: optional(nullable(id("pool"))),
        email,
      }),
    ),
  }),
  "GET /v1/members": request("GET /v1/members", { query: page }),
  "GET /v1/members/{id}": request("GET /v1/members/{id}", { id: urlId("member") }),
  "POST /v1/keys": request("POST /v1/keys", {
    body: bodyOf(
      objectOf({
        name: text(),
        role,
        pool: optional(nullable(id("pool"))),
        member: optional(nullable(id("member"))),
      }),
    ),
  }),
  "GET /v1/keys": request("GET /v1/keys", { query: page }),
  "DELETE /v1/keys/{id}": request("DELETE /v1/keys/{id}", { id: urlId("key") }),
  "GET /v1/rate-cards": request("GET /v1/rate-cards", {}),
  "POST /v1/rate-cards": request("POST /v1/rate-cards", {
    keys: fc.oneof(operatorKeys, fc.constant<KeyName>("billing")),
    body: bodyOf(
      objectOf({ effective_at: optional(time), minimum_charge: optional(credits), prices }),
    ),
  }),
  "POST /v1/quotes": request("POST /v1/quotes", { body: bodyOf(objectOf({ usage })) }),
  ...billingRequests,
  ...recurringGrantRequests,
  ...governanceRequests,
  ...eventRequests,
  ...alertRequests,
  ...upstreamRequests,
  ...routingRequests,
  ...reportRequests,
};
