/** Holds: authorize before work (hold), settle after (capture or release), read. */

import { createRoute } from "@hono/zod-openapi";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { answerResponse } from "../problem.ts";
import { CaptureHold, CreateHold, Hold, HoldDecision, IdParam, ReleaseHold } from "../schemas.ts";
import { holdView } from "../views.ts";
import { answers, IdempotencyHeader, idempotencyKey, jsonBody } from "./common.ts";

const create = createRoute({
  method: "post",
  path: "/v1/holds",
  operationId: "createHold",
  tags: ["Holds"],
  summary: "Authorize: hold credits before work runs",
  description:
    "A refused hold is not an error: it answers 200 with `allowed: false`, the result `code` and the `pool` where it failed.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateHold) },
  responses: answers(HoldDecision, 200, "The decision, and the hold when allowed"),
});

const read = createRoute({
  method: "get",
  path: "/v1/holds/{id}",
  operationId: "getHold",
  tags: ["Holds"],
  summary: "A hold as of now",
  security: bearerAuth,
  request: { params: IdParam("hold") },
  responses: answers(Hold, 200, "The hold"),
});

const capture = createRoute({
  method: "post",
  path: "/v1/holds/{id}/capture",
  operationId: "captureHold",
  tags: ["Holds"],
  summary: "Settle a hold with the actual amount; the rest is released",
  description:
    "Above the held amount, the excess is recorded as usage. After the TTL: 409 `hold_expired`, and the amount is still recorded as usage.",
  security: bearerAuth,
  request: { params: IdParam("hold"), headers: IdempotencyHeader, ...jsonBody(CaptureHold) },
  responses: answers(Hold, 200, "The captured hold"),
});

const release = createRoute({
  method: "post",
  path: "/v1/holds/{id}/release",
  operationId: "releaseHold",
  tags: ["Holds"],
  summary: "Release a hold: nothing was used",
  security: bearerAuth,
  request: { params: IdParam("hold"), headers: IdempotencyHeader, ...jsonBody(ReleaseHold, false) },
  responses: answers(Hold, 200, "The released hold"),
});

export function holdRoutes(app: Api, deps: RouteDependencies): void {
  route(app, create, async (c) => {
    const body = c.req.valid("json");
    const answer = await deps.services.holds.create(
      c.get("principal"),
      {
        pool: body.pool,
        amount: body.amount,
        usage: body.usage,
        quote: body.quote,
        member: body.member,
        model: body.model,
        approval: body.approval,
        ttlSeconds: body.ttl_seconds,
        tags: body.tags,
      },
      idempotencyKey(c, deps),
    );
    deps.metrics.holds.inc({ code: answer.code });
    const { result } = answer;
    if (result.kind === "refused" && typeof result.retryAfterMs === "number")
      c.header("Retry-After", String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
    return answerResponse(c, answer);
  });

  route(app, read, async (c) => {
    const hold = await deps.services.holds.read(c.get("principal"), c.req.valid("param").id);
    return c.json(holdView(hold), 200);
  });

  route(app, capture, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const settlement = { amount: body.amount, usage: body.usage };
    const answer = await deps.services.holds.capture(
      c.get("principal"),
      id,
      settlement,
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });

  route(app, release, async (c) => {
    const { id } = c.req.valid("param");
    const answer = await deps.services.holds.release(
      c.get("principal"),
      id,
      idempotencyKey(c, deps),
    );
    return answerResponse(c, answer);
  });
}
