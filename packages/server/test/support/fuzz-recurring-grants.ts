/**
 * Request generators for recurring grants, keyed as `/openapi.json` names the operations: a
 * grant's terms as `POST /v1/grants` takes them, a calendar (month or year, anchors up to and
 * past 35 days back, time zones real and not), expiries of every kind, rollovers with and
 * without one, counts and ends at and past their bounds.
 */
import { grantSources, limits } from "@creditpool/core";
import fc from "fast-check";
import {
  credits,
  enumOf,
  field,
  id,
  integer,
  objectOf,
  optional,
  time,
  urlId,
  wrongType,
} from "./fuzz-fields.ts";
import { bodyOf, type FuzzRequest, page, request } from "./fuzz-request.ts";

const timeZone = enumOf(
  ["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"],
  ["Mars/Olympus", "+02:00", "", "x".repeat(65), "Europe/Paris\u0000"],
);

const expiry = field(
  fc.oneof(
    fc.constantFrom<unknown>("never", "period_end"),
    fc
      .constantFrom(1, 30, limits.recurringGrantLifetimeDaysMax)
      .map((days) => ({ days }) as unknown),
  ),
  fc.oneof(
    fc.constantFrom<unknown>("tomorrow", "", { days: 0 }, { days: 1.5 }, { weeks: 1 }),
    fc.constant({ days: limits.recurringGrantLifetimeDaysMax + 1 }),
    wrongType,
  ),
);

const recurringGrant = objectOf({
  pool: id("pool"),
  amount: credits,
  source: enumOf(grantSources, ["gift", "PLAN", ""]),
  priority: optional(integer([0, 5, 100, 1_000], [1_001])),
  cost_basis: optional(credits),
  interval: enumOf(["month", "year"], ["week", "day", "Month", ""]),
  anchor_at: optional(time),
  time_zone: optional(timeZone),
  expiry: optional(expiry),
  rollover: optional(
    objectOf({
      cap: credits,
      lifetime_days: integer([1, 30, limits.rolloverLifetimeDaysMax], [0, 367]),
    }),
  ),
  periods: optional(integer([1, 2, 12, 12_000], [0, 12_001])),
  ends_at: optional(time),
});

const noBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

export const recurringGrantRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/recurring-grants": request("POST /v1/recurring-grants", {
    body: bodyOf(recurringGrant),
  }),
  "GET /v1/recurring-grants": request("GET /v1/recurring-grants", { query: page }),
  "GET /v1/recurring-grants/{id}": request("GET /v1/recurring-grants/{id}", {
    id: urlId("recurringGrant"),
  }),
  "POST /v1/recurring-grants/{id}/cancel": request("POST /v1/recurring-grants/{id}/cancel", {
    id: urlId("recurringGrant"),
    body: noBody,
  }),
};
