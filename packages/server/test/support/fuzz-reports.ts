/**
 * Request generators for the usage reports, keyed as `/openapi.json` names the operations: spans
 * of any two times (reversed, empty, across the calendar), each interval over them (an hour over
 * centuries is past the periods allowed), groupings with and without their tag, limits and
 * windows at and past their bounds, and pools of the caller, of a stranger, or of no one.
 */
import { limits } from "@creditpool/core";
import type fc from "fast-check";
import { credits, enumOf, integer, text, time, urlId } from "./fuzz-fields.ts";
import { type FuzzRequest, queryOf, request } from "./fuzz-request.ts";

const span = { from: time, to: time, pool: urlId("pool") };
const limit = integer([1, 10, limits.reportGroupsMax], [0, -1, limits.reportGroupsMax + 1, "ten"]);
const members = integer([1, 3, 200, limits.reportSeatsMax], [0, -1, limits.reportSeatsMax + 1]);
const format = enumOf(["json", "csv"], ["JSON", "xml", "", 1]);

export const reportRequests: Record<string, fc.Arbitrary<FuzzRequest>> = {
  "GET /v1/reports/usage": request("GET /v1/reports/usage", {
    query: queryOf({
      ...span,
      interval: enumOf(["hour", "day", "week", "month"], ["year", "Day", "", 7]),
      group_by: enumOf(["pool", "member", "key", "model", "meter", "tag"], ["team", "", 1]),
      tag: text(),
      limit,
      format,
    }),
  }),
  "GET /v1/reports/top-consumers": request("GET /v1/reports/top-consumers", {
    query: queryOf({
      ...span,
      by: enumOf(["member", "key", "pool", "model"], ["meter", "tag", "", 1]),
      limit,
    }),
  }),
  "GET /v1/reports/chargeback": request("GET /v1/reports/chargeback", {
    query: queryOf({ ...span, format }),
  }),
  "GET /v1/reports/margin": request("GET /v1/reports/margin", {
    query: queryOf({
      ...span,
      group_by: enumOf(["rate_card", "model", "meter", "pool"], ["member", "tag", "", 1]),
      format,
    }),
  }),
  "GET /v1/reports/forecast": request("GET /v1/reports/forecast", {
    query: queryOf({
      pool: urlId("pool"),
      window: integer(
        [1, 30, limits.reportWindowDaysMax],
        [0, limits.reportWindowDaysMax + 1, 1.5],
      ),
    }),
  }),
  "GET /v1/reports/buyers-math": request("GET /v1/reports/buyers-math", {
    query: queryOf({
      ...span,
      seat_price: credits,
      seat_credits: credits,
      overage_price: credits,
      credit_price: credits,
      hybrid_seat_price: credits,
      hybrid_seat_credits: credits,
      members,
    }),
  }),
  "GET /v1/reports/pooling": request("GET /v1/reports/pooling", {
    query: queryOf({ ...span, capacity: credits, members }),
  }),
};
