/** Test clocks: an organization made for trying things, moved forward in time on request. */
import { createRoute, z } from "@hono/zod-openapi";
import type { TestClock } from "../../services/test-clocks.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { IdParam, idOf, listOf, TimeInput, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, IdempotencyHeader, idempotencyKey, jsonBody, replayResponse } from "./common.ts";

const TestClockView = z
  .object({
    id: idOf("clock"),
    object: z.literal("test_clock"),
    organization: idOf("org"),
    time: Timestamp.openapi({ description: "The organization's time now." }),
    created_at: Timestamp,
  })
  .openapi("TestClock");

const NoBody = z.strictObject({});

const AdvanceTestClock = z
  .strictObject({
    to: TimeInput.openapi({
      description: "The time to move to: not before the clock's time, at most 366 days after.",
    }),
  })
  .openapi("AdvanceTestClock");

const create = createRoute({
  method: "post",
  path: "/v1/test-clocks",
  operationId: "createTestClock",
  tags: ["Test clocks"],
  summary: "Give the organization a test clock (its ledger must still be empty)",
  description:
    "201 with the new clock; 200 with the organization's clock when it has one already; 409 `test_clock_unavailable` when its ledger is not empty.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
  responses: {
    ...answers(TestClockView, 201, "The clock made"),
    200: {
      description: "The clock the organization has already",
      content: { "application/json": { schema: TestClockView } },
    },
  },
});

const list = createRoute({
  method: "get",
  path: "/v1/test-clocks",
  operationId: "listTestClocks",
  tags: ["Test clocks"],
  summary: "The organization's test clock, if it has one",
  security: bearerAuth,
  responses: answers(listOf(TestClockView), 200, "At most one clock"),
});

const read = createRoute({
  method: "get",
  path: "/v1/test-clocks/{id}",
  operationId: "getTestClock",
  tags: ["Test clocks"],
  summary: "A test clock and its organization's time",
  security: bearerAuth,
  request: { params: IdParam("clock") },
  responses: answers(TestClockView, 200, "The clock"),
});

const advance = createRoute({
  method: "post",
  path: "/v1/test-clocks/{id}/advance",
  operationId: "advanceTestClock",
  tags: ["Test clocks"],
  summary: "Move the organization's time forward",
  description:
    "Applies everything that falls due on the way (grant and hold expiries, rollovers, activations), renews the organization's subscriptions up to the new time and checks their auto top-ups. Time never runs backwards. The operator's key may advance any organization's clock. A retry is safe with or without `Idempotency-Key`: advancing to where the clock is changes nothing.",
  security: bearerAuth,
  request: { params: IdParam("clock"), headers: IdempotencyHeader, ...jsonBody(AdvanceTestClock) },
  responses: answers(TestClockView, 200, "The clock at its new time"),
});

export function testClockView({ row, time }: TestClock): z.infer<typeof TestClockView> {
  return {
    id: row.id,
    object: "test_clock",
    organization: row.organizationId,
    time: iso(time) ?? "",
    created_at: iso(row.createdAt) ?? "",
  };
}

export function testClockRoutes(app: Api, deps: RouteDependencies): void {
  const { services } = deps;
  route(app, create, async (c) => {
    const written = await services.testClocks.create(
      c.get("principal"),
      idempotencyKey(c, deps),
      testClockView,
    );
    if ("existing" in written) return c.json(testClockView(written.existing), 200);
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(testClockView(written.made), 201);
  });

  route(app, list, async (c) => {
    const clocks = await services.testClocks.list(c.get("principal"));
    return c.json(
      { object: "list" as const, data: clocks.map(testClockView), has_more: false },
      200,
    );
  });

  route(app, read, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(testClockView(await services.testClocks.read(c.get("principal"), id)), 200);
  });

  route(app, advance, async (c) => {
    const { id } = c.req.valid("param");
    const { to } = c.req.valid("json");
    return c.json(
      testClockView(await services.testClocks.advance(c.get("principal"), id, to, testClockView)),
      200,
    );
  });
}
