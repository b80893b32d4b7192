/**
 * Request generators for alert rules and alerts, keyed as `/openapi.json` names the operations:
 * rules of every metric with the thresholds field it takes, the one it refuses, or none;
 * percentages, amounts and windows at and past their bounds; alerts filtered by status, pool and
 * rule, acknowledged and resolved.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import {
  credits,
  enumOf,
  field,
  id,
  integer,
  objectOf,
  optional,
  urlId,
  wrongType,
} from "./fuzz-fields.ts";
import { bodyOf, type FuzzRequest, page, pageFields, queryOf, request } from "./fuzz-request.ts";

const percentages = field(
  fc.uniqueArray(fc.constantFrom(1, 50, 80, 100, 1000), { minLength: 1, maxLength: 3 }),
  fc.oneof(
    fc.constant([]),
    fc.constant([0]),
    fc.constant([1001]),
    fc.constant([50.5]),
    fc.constant(["80"]),
    fc.constant(Array.from({ length: limits.alertThresholdsPerRuleMax + 1 }, (_, n) => n + 1)),
    wrongType,
  ),
);

const amounts = field(
  fc.array(credits.plain, { minLength: 1, maxLength: 3 }),
  fc.oneof(
    fc.constant([]),
    credits.hostile.map((bad) => [bad]),
    fc.constant(Array.from({ length: limits.alertThresholdsPerRuleMax + 1 }, () => "1")),
  ),
);

const windowHours = integer(
  [limits.alertForecastWindowHoursMin, 24, limits.alertForecastWindowHoursMax],
  [limits.alertForecastWindowHoursMin - 1, limits.alertForecastWindowHoursMax + 1],
);
const enabled = field(fc.boolean(), fc.constantFrom("false", 0, null));
const metric = enumOf(["limit", "grants", "balance", "forecast"], ["usage", "Limit", ""]);
const status = enumOf(["open", "acknowledged", "resolved"], ["closed", "OPEN", ""]);

const noBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

export const alertRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/alert-rules": request("POST /v1/alert-rules", {
    body: bodyOf(
      objectOf({
        pool: id("pool"),
        metric,
        thresholds: optional(percentages),
        below: optional(amounts),
        window_hours: optional(windowHours),
        enabled: optional(enabled),
      }),
    ),
  }),
  "GET /v1/alert-rules": request("GET /v1/alert-rules", { query: page }),
  "GET /v1/alert-rules/{id}": request("GET /v1/alert-rules/{id}", { id: urlId("alertRule") }),
  "PATCH /v1/alert-rules/{id}": request("PATCH /v1/alert-rules/{id}", {
    id: urlId("alertRule"),
    body: bodyOf(
      objectOf({
        thresholds: optional(percentages),
        below: optional(amounts),
        window_hours: optional(windowHours),
        enabled: optional(enabled),
      }),
    ),
  }),
  "DELETE /v1/alert-rules/{id}": request("DELETE /v1/alert-rules/{id}", {
    id: urlId("alertRule"),
  }),
  "GET /v1/alerts": request("GET /v1/alerts", {
    query: queryOf({ ...pageFields, status, pool: id("pool"), rule: id("alertRule") }),
  }),
  "GET /v1/alerts/{id}": request("GET /v1/alerts/{id}", { id: urlId("alert") }),
  "POST /v1/alerts/{id}/acknowledge": request("POST /v1/alerts/{id}/acknowledge", {
    id: urlId("alert"),
    body: noBody,
  }),
  "POST /v1/alerts/{id}/resolve": request("POST /v1/alerts/{id}/resolve", {
    id: urlId("alert"),
    body: noBody,
  }),
};
