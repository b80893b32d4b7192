/**
 * Request generators for plans, subscriptions, top-ups, invoices, revenue reports and test clocks,
 * keyed as `/openapi.json` names the operations. Plan ids are mostly ones the fuzz world knows (the operator's `team`,
 * which the stranger shadows with its own, and `team-plus`; the home organization's `own`; the
 * stranger's `globex`; the pack `boost`) and a few it does not; money is minor units at and past
 * 10^15, as integers and as strings; seats at and past the maximum; time zones real,
 * fractional-offset, and not time zones at all.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
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
  wrongType,
} from "./fuzz-fields.ts";
import {
  bodyOf,
  type FuzzRequest,
  type KeyName,
  operatorKeys,
  page,
  pageFields,
  queryOf,
  request,
} from "./fuzz-request.ts";
import { hostileShortText, RawJson, RawUrl } from "./fuzz-values.ts";

/** The plans of the fuzz world, by whose catalog they are in (pack ids are plan ids too). */
export const fuzzPlanIds = {
  operator: "team",
  upgrade: "team-plus",
  home: "own",
  stranger: "globex",
} as const;

const planId = field(
  fc.constantFrom(
    fuzzPlanIds.operator,
    fuzzPlanIds.upgrade,
    fuzzPlanIds.home,
    fuzzPlanIds.stranger,
    "boost",
    "missing",
    "team-2",
    "0",
    "t".repeat(limits.idLengthMax),
  ),
  fc.oneof(
    fc.constantFrom(
      "Team",
      "_team",
      "-team",
      "",
      "team plus",
      "team\u0000",
      "équipe",
      "t".repeat(limits.idLengthMax + 1),
    ),
    hostileShortText,
  ),
);

/** A plan id in a URL: as `planId`, or bytes no decoder expects. */
const urlPlanId: Field = {
  ...planId,
  hostile: fc.oneof(
    { weight: 3, arbitrary: planId.hostile },
    fc
      .constantFrom("%", "%00", "%ED%A0%80", "%FF", "..", "a/b", "%2F")
      .map((raw) => new RawUrl(raw)),
  ),
};

const moneyMax = limits.moneyMinorMax;

/** Money: minor units from 0 to 10^15, as a JSON integer or a string of digits. */
const money = field(
  fc.constantFrom<unknown>(0, 1, 3000, "3000", "0", `${moneyMax}`, Number(moneyMax)),
  fc.constantFrom<unknown>(
    -1,
    "-1",
    `${moneyMax + 1n}`,
    Number(moneyMax) + 1,
    30.5,
    "30.00",
    "3e3",
    " 1",
    "",
    "0x10",
    "１",
    2 ** 53,
    2 ** 63,
    new RawJson("1e400"),
    new RawJson("-0"),
    new RawJson("100000000000000000000000"),
  ),
);

/** Minor units per credit (overage, top-ups): a decimal, down to a fraction of a minor unit. */
const overagePrice = field(
  fc.constantFrom("0", "0.4", "4", "0.000000000000000001", maxCredits, largestPrice),
  fc.constantFrom<unknown>(
    "-0.4",
    "2/5",
    "4e-1",
    0.4,
    "",
    "1\u0000",
    "99999999999999999999.999999999999999999999",
  ),
);

const capAmount = objectOf({ amount: credits });
const capPercent = objectOf({ percent: integer([1, 25, 100], [0, 101]) });
const cap: Field = {
  plain: fc.oneof(capAmount.plain, capPercent.plain),
  hostile: fc.oneof(
    capAmount.hostile,
    capPercent.hostile,
    fc.constantFrom<unknown>({ amount: "1", percent: 25 }, {}),
    wrongType,
  ),
  optional: false,
};
const rollover = optional(
  nullable(
    objectOf({
      cap,
      lifetime_days: integer(
        [1, 30, limits.rolloverLifetimeDaysMax],
        [0, limits.rolloverLifetimeDaysMax + 1],
      ),
    }),
  ),
);

const topUp = objectOf({ id: planId, credits, price: money });
const topUps = optional(
  field(
    fc.array(topUp.plain, { maxLength: 3 }),
    fc.oneof(
      fc
        .tuple(fc.array(topUp.plain, { maxLength: 2 }), topUp.hostile)
        .map(([plain, bad]) => [...plain, bad]),
      fc.constant(
        Array.from({ length: limits.planTopUpPacksMax + 1 }, (_, n) => ({
          id: `pack-${n}`,
          credits: "1",
          price: 1,
        })),
      ),
    ),
  ),
);

const tierId = enumOf(["premium", "max"], ["standard", "Premium", "1st", "", "x".repeat(33)]);
const seatTier = objectOf({
  id: tierId,
  name: text(),
  seat_price: money,
  credits_per_seat: credits,
});
const premiumTier = { id: "premium", name: "Premium", seat_price: 15000, credits_per_seat: "5000" };
const seatTiers = optional(
  field(
    fc.constantFrom([], [premiumTier], [premiumTier, { ...premiumTier, id: "max", name: "Max" }]),
    fc.oneof(
      seatTier.hostile.map((bad) => [premiumTier, bad]),
      fc.constant([premiumTier, premiumTier]),
      fc.constant(
        Array.from({ length: limits.seatTiersMax + 1 }, (_, n) => ({
          ...premiumTier,
          id: `tier-${n}`,
        })),
      ),
    ),
  ),
);

const commitment = optional(
  nullable(objectOf({ minimum: money, discount_percent: integer([0, 10, 100], [101]) })),
);

const plan = objectOf({
  id: planId,
  name: text(),
  currency: enumOf(["USD", "EUR", "JPY", "BHD"], ["usd", "XYZ", "EURO", ""]),
  interval: enumOf(["month", "year"], ["week", "day", ""]),
  base_price: optional(money),
  seat_price: optional(money),
  credits_per_seat: optional(credits),
  seat_name: optional(nullable(text())),
  seat_tiers: seatTiers,
  credits_per_organization: optional(credits),
  overage_price: optional(overagePrice),
  rollover,
  seat_removal: optional(enumOf(["keep", "claw_back"], ["refund", ""])),
  top_ups: topUps,
  top_up_price: optional(nullable(overagePrice)),
  commitment,
});

const seats = integer([0, 1, 2, 10, limits.seatsMax], [limits.seatsMax + 1]);

const timeZone = enumOf(
  [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
  ],
  ["Mars/Olympus", "+02:00", "", "x".repeat(65), "Europe/Paris\u0000", "utc"],
);

const subscription = objectOf({
  plan: planId,
  plan_version: optional(integer([1, 2], [0])),
  seats: optional(seats),
  tier_seats: optional(
    field(
      fc.constantFrom({}, { premium: 1 }, { premium: 2, max: 0 }),
      fc.constantFrom({ Gold: 1 }, { premium: -1 }, { premium: 1.5 }, { premium: "1" }, [1]),
    ),
  ),
  pool: optional(id("pool")),
  anchor_at: optional(time),
  time_zone: optional(timeZone),
  seat_access: optional(enumOf(["open", "assigned"], ["closed", ""])),
});

/** Plans are published and read by the operator's key too, and by the billing role. */
const planKeys = fc.oneof(
  operatorKeys,
  fc.constantFrom<KeyName>("billing", "billing@team", "viewer"),
);
const noBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

/**
 * A test clock's id: the fuzz world's organizations have ledgers, so none has a clock; these are
 * well formed and unknown, or hostile.
 */
const clockId = field(
  fc.constantFrom("clock_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", "clock_0"),
  fc.oneof(
    fc.constantFrom("clock_", "inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", `clock_${"0".repeat(80)}`),
    fc.constantFrom(new RawUrl("%00"), new RawUrl("clock_%2F")),
  ),
);

export const billingRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/plans": request("POST /v1/plans", { keys: planKeys, body: bodyOf(plan) }),
  "GET /v1/plans": request("GET /v1/plans", { keys: planKeys }),
  "GET /v1/plans/{id}": request("GET /v1/plans/{id}", {
    keys: planKeys,
    id: urlPlanId,
    query: queryOf({ version: integer([1, 2, 3], [0, "one", ""]) }),
  }),
  "POST /v1/subscriptions": request("POST /v1/subscriptions", { body: bodyOf(subscription) }),
  "GET /v1/subscriptions": request("GET /v1/subscriptions", { query: page }),
  "GET /v1/subscriptions/{id}": request("GET /v1/subscriptions/{id}", {
    id: urlId("subscription"),
  }),
  "POST /v1/subscriptions/{id}/seats": request("POST /v1/subscriptions/{id}/seats", {
    id: urlId("subscription"),
    body: bodyOf(objectOf({ seats, tier: optional(tierId) })),
  }),
  "POST /v1/subscriptions/{id}/assignments": request("POST /v1/subscriptions/{id}/assignments", {
    id: urlId("subscription"),
    body: bodyOf(objectOf({ member: id("member") })),
  }),
  "GET /v1/subscriptions/{id}/assignments": request("GET /v1/subscriptions/{id}/assignments", {
    id: urlId("subscription"),
    query: page,
  }),
  "DELETE /v1/subscriptions/{id}/assignments/{member}": request(
    "DELETE /v1/subscriptions/{id}/assignments/{member}",
    { id: urlId("subscription"), member: urlId("member") },
  ),
  "POST /v1/subscriptions/{id}/plan": request("POST /v1/subscriptions/{id}/plan", {
    id: urlId("subscription"),
    body: bodyOf(objectOf({ plan: planId, plan_version: optional(integer([1, 2], [0])) })),
  }),
  "POST /v1/top-ups": request("POST /v1/top-ups", {
    body: bodyOf(
      sizedBy({ subscription: id("subscription"), pack: planId, credits }, ["pack", "credits"]),
    ),
  }),
  "POST /v1/subscriptions/{id}/auto-top-up": request("POST /v1/subscriptions/{id}/auto-top-up", {
    id: urlId("subscription"),
    body: bodyOf(
      objectOf({
        auto_top_up: nullable(
          objectOf({
            threshold: credits,
            pack: optional(planId),
            credits: optional(credits),
            max_per_period: integer([1, 2, limits.autoTopUpsPerPeriodMax], [0, 101, -1]),
          }),
        ),
      }),
    ),
  }),
  "POST /v1/subscriptions/{id}/cancel": request("POST /v1/subscriptions/{id}/cancel", {
    id: urlId("subscription"),
    body: noBody,
  }),
  "POST /v1/subscriptions/{id}/resume": request("POST /v1/subscriptions/{id}/resume", {
    id: urlId("subscription"),
    body: noBody,
  }),
  "GET /v1/invoices": request("GET /v1/invoices", {
    query: queryOf({ ...pageFields, subscription: urlId("subscription") }),
  }),
  "GET /v1/invoices/{id}": request("GET /v1/invoices/{id}", { id: urlId("invoice") }),
  "GET /v1/invoices/{id}/html": request("GET /v1/invoices/{id}/html", { id: urlId("invoice") }),
  "POST /v1/invoices/{id}/pay": request("POST /v1/invoices/{id}/pay", {
    id: urlId("invoice"),
    body: noBody,
  }),
  "POST /v1/invoices/{id}/void": request("POST /v1/invoices/{id}/void", {
    id: urlId("invoice"),
    body: noBody,
  }),
  "POST /v1/test-clocks": request("POST /v1/test-clocks", { body: noBody }),
  "GET /v1/test-clocks": request("GET /v1/test-clocks", {}),
  "GET /v1/test-clocks/{id}": request("GET /v1/test-clocks/{id}", { id: clockId }),
  "POST /v1/test-clocks/{id}/advance": request("POST /v1/test-clocks/{id}/advance", {
    id: clockId,
    body: bodyOf(objectOf({ to: time })),
  }),
  "GET /v1/reports/revenue": request("GET /v1/reports/revenue", {
    query: queryOf({
      from: time,
      to: time,
      format: enumOf(["json", "csv"], ["JSON", "xml", "", 1]),
    }),
  }),
};
