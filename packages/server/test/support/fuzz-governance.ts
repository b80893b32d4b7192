/**
 * Request generators for governance and the audit trail, keyed as `/openapi.json` names the
 * operations: decision records filtered by code, pool, member, key and time; approval requests
 * listed, read, approved and denied with notes at and past their length; audit records filtered
 * and exported over spans up to and past 31 days; and pools archived. Only pools made empty for
 * it (by the world or by the fuzz) are archived, so the fixture pools keep taking holds.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import {
  enumOf,
  field,
  id,
  integer,
  objectOf,
  optional,
  text,
  time,
  urlId,
} from "./fuzz-fields.ts";
import { bodyOf, type FuzzRequest, pageFields, queryOf, request } from "./fuzz-request.ts";
import { At, hostileShortText, Ref } from "./fuzz-values.ts";

const day = 24 * 60 * 60 * 1000;

const decisionCode = field(
  fc.constantFrom(
    "insufficient_credits",
    "limit_exceeded",
    "approval_required",
    "member_cap_exceeded",
    "model_not_allowed",
  ),
  fc.oneof(fc.constant("x".repeat(limits.idLengthMax + 1)), hostileShortText),
);

/** A time a span may end or start at: recent ones, and ones far enough apart to pass 31 days. */
const spanTime = field(
  fc.oneof(
    { weight: 3, arbitrary: time.plain },
    {
      weight: 1,
      arbitrary: fc.constantFrom(-31 * day, -31 * day - 1, -32 * day).map((ms) => new At(ms)),
    },
  ),
  time.hostile,
);

const note = optional(text(fc.constantFrom("ok", "n".repeat(500))));
const decide = fc.option(bodyOf(objectOf({ note })), { freq: 3, nil: undefined });

/** A pool to archive: a spare one mostly, another organization's, or none at all. */
const archivable = {
  ...urlId("pool"),
  plain: fc.oneof(
    { weight: 10, arbitrary: fc.nat(4).map((back) => new Ref("sparePool", back)) },
    { weight: 2, arbitrary: fc.nat(2).map((back) => new Ref("strangerPool", back)) },
    { weight: 1, arbitrary: fc.constant("pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V") },
  ),
};

const noBody = fc.option(bodyOf(objectOf({})), { freq: 2, nil: undefined });

export const governanceRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "GET /v1/decisions": request("GET /v1/decisions", {
    query: queryOf({
      limit: pageFields.limit,
      starting_after: id("decision"),
      code: decisionCode,
      pool: id("pool"),
      member: id("member"),
      key: id("key"),
      from: time,
      to: time,
    }),
  }),
  "GET /v1/decisions/{id}": request("GET /v1/decisions/{id}", { id: urlId("decision") }),
  "GET /v1/gateway-calls": request("GET /v1/gateway-calls", {
    query: queryOf({
      limit: pageFields.limit,
      starting_after: id("gatewayCall"),
      pool: id("pool"),
      member: id("member"),
      key: id("key"),
    }),
  }),
  "GET /v1/gateway-calls/{id}": request("GET /v1/gateway-calls/{id}", {
    id: urlId("gatewayCall"),
  }),
  "GET /v1/approvals": request("GET /v1/approvals", {
    query: queryOf({
      ...pageFields,
      status: enumOf(["pending", "approved", "denied", "expired"], ["open", "Pending", ""]),
    }),
  }),
  "GET /v1/approvals/{id}": request("GET /v1/approvals/{id}", { id: urlId("approval") }),
  "POST /v1/approvals/{id}/approve": request("POST /v1/approvals/{id}/approve", {
    id: urlId("approval"),
    body: decide,
  }),
  "POST /v1/approvals/{id}/deny": request("POST /v1/approvals/{id}/deny", {
    id: urlId("approval"),
    body: decide,
  }),
  "GET /v1/audit-records": request("GET /v1/audit-records", {
    query: queryOf({
      limit: pageFields.limit,
      starting_after: integer([0, 1, 5, Number.MAX_SAFE_INTEGER], ["seq_1", "x"]),
      action: text(fc.constantFrom("pool.updated", "key.created", "member.created")),
      target: id("pool"),
      actor: text(fc.constantFrom("operator", "system", "key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V")),
      from: time,
      to: time,
    }),
  }),
  "GET /v1/audit-records/export": request("GET /v1/audit-records/export", {
    query: queryOf({ from: spanTime, to: spanTime }),
  }),
  "POST /v1/pools/{id}/archive": request("POST /v1/pools/{id}/archive", {
    id: archivable,
    body: noBody,
  }),
};
