/** Holds: authorize before work (hold), settle after (capture or release), read. */

import type { UsageDescription } from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import { holdView } from "../../engine/answers.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { type Principal, requirePermission } from "../auth.ts";
import { ApiError, answerResponse } from "../problem.ts";
import { CaptureHold, CreateHold, Hold, HoldDecision, IdParam, ReleaseHold } from "../schemas.ts";
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
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "holds.write");
    const body = c.req.valid("json");
    if (principal.poolId !== null) await deps.tree.require(principal, organizationId, body.pool);
    const sized = await holdSize(deps, organizationId, body);
    const memberId = await holdMember(deps, principal, organizationId, body.member);
    const answer = await deps.engine.submit(
      organizationId,
      {
        type: "create_hold",
        poolId: body.pool,
        amount: sized.amount,
        ttlSeconds: body.ttl_seconds,
        rateCardVersion: sized.rateCardId,
        memberId,
      },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    deps.metrics.holds.inc({ code: answer.code });
    return answerResponse(c, answer);
  });

  route(app, read, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "holds.read");
    const { id } = c.req.valid("param");
    const hold = await holdInReach(deps, principal, organizationId, id);
    return c.json(holdView(hold, deps.clock()), 200);
  });

  route(app, capture, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "holds.write");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    // An org-wide key needs no read: the engine answers hold_not_found for a hold not its own.
    if (principal.poolId !== null) await holdInReach(deps, principal, organizationId, id);
    const amount = await captureSize(deps, organizationId, id, body);
    const answer = await deps.engine.submit(
      organizationId,
      { type: "capture_hold", holdId: id, amount },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer);
  });

  route(app, release, async (c) => {
    const principal = c.get("principal");
    const organizationId = requirePermission(principal, "holds.write");
    const { id } = c.req.valid("param");
    // An org-wide key needs no read: the engine answers hold_not_found for a hold not its own.
    if (principal.poolId !== null) await holdInReach(deps, principal, organizationId, id);
    const answer = await deps.engine.submit(
      organizationId,
      { type: "release_hold", holdId: id },
      { idempotencyKey: idempotencyKey(c, deps) },
    );
    return answerResponse(c, answer);
  });
}

async function holdInReach(
  deps: RouteDependencies,
  principal: Principal,
  organizationId: string,
  holdId: string,
) {
  const hold = await deps.store.readHold(organizationId, holdId);
  if (hold === null) throw new ApiError("hold_not_found", undefined, "id");
  if (
    principal.poolId !== null &&
    !(await deps.tree.reaches(principal, organizationId, hold.poolId))
  ) {
    throw new ApiError("hold_not_found", undefined, "id");
  }
  return hold;
}

type HoldBody = {
  amount?: bigint | undefined;
  usage?: { quantities: Record<string, number>; dimensions: Record<string, string> } | undefined;
  quote?: string | undefined;
};

/** What a hold reserves: credits given, usage priced now, or a quote's amount and version. */
async function holdSize(deps: RouteDependencies, organizationId: string, body: HoldBody) {
  const given = [body.amount, body.usage, body.quote].filter((each) => each !== undefined).length;
  if (given !== 1) {
    throw new ApiError(
      "invalid_request",
      "amount: give exactly one of amount, usage or quote",
      "amount",
    );
  }
  if (body.amount !== undefined) return { amount: body.amount, rateCardId: null };
  if (body.usage !== undefined) {
    return deps.rateCards.price(organizationId, usageOf(body.usage), deps.clock(), "usage");
  }
  const quote = await deps.store.readQuote(organizationId, body.quote ?? "");
  if (quote === null) throw new ApiError("quote_not_found", undefined, "quote");
  if (deps.clock() >= quote.expiresAt) throw new ApiError("quote_expired", undefined, "quote");
  return { amount: quote.amount, rateCardId: quote.rateCardId };
}

/** What a capture takes: credits given, or the actual usage priced with the hold's version. */
async function captureSize(
  deps: RouteDependencies,
  organizationId: string,
  holdId: string,
  body: { amount?: bigint | undefined; usage?: HoldBody["usage"] },
): Promise<bigint> {
  if ((body.amount === undefined) === (body.usage === undefined)) {
    throw new ApiError("invalid_request", "amount: give exactly one of amount or usage", "amount");
  }
  if (body.amount !== undefined) return body.amount;
  const usage = usageOf(body.usage ?? { quantities: {}, dimensions: {} });
  const hold = await deps.store.readHold(organizationId, holdId);
  if (hold === null) throw new ApiError("hold_not_found", undefined, "id");
  const priced =
    hold.rateCardVersion === null
      ? await deps.rateCards.price(organizationId, usage, deps.clock(), "usage")
      : await deps.rateCards.priceWithVersion(organizationId, hold.rateCardVersion, usage, "usage");
  return priced.amount;
}

/** Request quantities (safe integers) as the core's bigint quantities. */
export function usageOf(usage: {
  quantities: Record<string, number>;
  dimensions: Record<string, string>;
}): UsageDescription {
  return {
    quantities: Object.fromEntries(
      Object.entries(usage.quantities).map(([meter, n]) => [meter, BigInt(n)]),
    ),
    dimensions: usage.dimensions,
  };
}

/** The member a hold is for: the one the key is bound to, or one the request names. */
async function holdMember(
  deps: RouteDependencies,
  principal: Principal,
  organizationId: string,
  named: string | undefined,
): Promise<string | null> {
  if (named === undefined) return principal.memberId;
  if (principal.memberId !== null && principal.memberId !== named) {
    throw new ApiError(
      "permission_denied",
      "A key bound to a member holds only for that member.",
      "member",
    );
  }
  if ((await deps.store.readMember(organizationId, named)) === null) {
    throw new ApiError("member_not_found", undefined, "member");
  }
  return named;
}
