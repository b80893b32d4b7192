/**
 * Request generators for routing policies, keyed as `/openapi.json` names the operations: tiers
 * of catalog models, unknown ones, empty and past their bound; default tiers, low-balance rules
 * with one threshold, both or none, percentages at and past their bounds; the limit behaviour.
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
import { bodyOf, type FuzzRequest, page, request } from "./fuzz-request.ts";

const known = ["gpt-5", "gpt-5-mini", "gpt-5-nano", "claude-haiku-4-5", "gpt-4o-mini"];
const models = field(
  fc.uniqueArray(fc.constantFrom(...known), { minLength: 1, maxLength: 3 }),
  fc.oneof(
    fc.constant([]),
    fc.constant(["acme-9"]),
    fc.constant([""]),
    fc.constant(Array.from({ length: limits.routingModelsPerTierMax + 1 }, () => "gpt-5")),
    fc.constant(["x".repeat(limits.dimensionValueLengthMax + 1)]),
    wrongType,
  ),
);
const tiers = objectOf({ light: models, standard: models, heavy: models });
const tier = enumOf(["light", "standard", "heavy"], ["medium", "Heavy", ""]);
const onLimit = enumOf(["end_stream", "extend"], ["truncate", "END_STREAM", ""]);
const flag = field(fc.boolean(), fc.constantFrom("true", 1, null));
const lowBalance = field(
  fc.oneof(
    fc.constant(null),
    fc.record({ below: credits.plain, step_down: fc.boolean() }),
    fc.record({ below_percent: fc.integer({ min: 1, max: 100 }) }),
  ),
  fc.oneof(
    fc.constant({}),
    fc.constant({ below: "5", below_percent: 10 }),
    credits.hostile.map((below) => ({ below })),
    integer([1, 100], [0, 101]).hostile.map((below_percent) => ({ below_percent })),
    wrongType,
  ),
);

export const routingRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "POST /v1/routing-policies": request("POST /v1/routing-policies", {
    body: bodyOf(
      objectOf({
        pool: id("pool"),
        tiers,
        default_tier: optional(tier),
        route_all: optional(flag),
        low_balance: optional(lowBalance),
        on_limit: optional(onLimit),
      }),
    ),
  }),
  "GET /v1/routing-policies": request("GET /v1/routing-policies", { query: page }),
  "GET /v1/routing-policies/{id}": request("GET /v1/routing-policies/{id}", {
    id: urlId("routingPolicy"),
  }),
  "PATCH /v1/routing-policies/{id}": request("PATCH /v1/routing-policies/{id}", {
    id: urlId("routingPolicy"),
    body: bodyOf(
      objectOf({
        tiers: optional(tiers),
        default_tier: optional(tier),
        route_all: optional(flag),
        low_balance: optional(lowBalance),
        on_limit: optional(onLimit),
      }),
    ),
  }),
  "DELETE /v1/routing-policies/{id}": request("DELETE /v1/routing-policies/{id}", {
    id: urlId("routingPolicy"),
  }),
};
