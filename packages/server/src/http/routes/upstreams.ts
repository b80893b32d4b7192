/** Upstream accounts: the provider credentials the gateway calls through. */
import { createRoute, type z } from "@hono/zod-openapi";
import type { UpstreamAccount } from "../../services/upstreams.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { CreateUpstream, UpdateUpstream, Upstream } from "../upstream-schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const tags = ["Upstreams"];
const upstreamId = IdParam("ups");

const routes = {
  create: createRoute({
    method: "post",
    path: "/v1/upstreams",
    operationId: "createUpstream",
    tags,
    summary: "Add an upstream account; its credential is sealed and never shown again",
    security: bearerAuth,
    request: { headers: IdempotencyHeader, ...jsonBody(CreateUpstream) },
    responses: answers(Upstream, 201, "The account, with its credential's last four characters"),
  }),
  list: createRoute({
    method: "get",
    path: "/v1/upstreams",
    operationId: "listUpstreams",
    tags,
    summary: "List upstream accounts, with their windows' usage",
    security: bearerAuth,
    request: { query: PageQuery },
    responses: answers(listOf(Upstream), 200, "A page of accounts, by id"),
  }),
  get: createRoute({
    method: "get",
    path: "/v1/upstreams/{id}",
    operationId: "getUpstream",
    tags,
    summary: "An upstream account",
    security: bearerAuth,
    request: { params: upstreamId },
    responses: answers(Upstream, 200, "The account"),
  }),
  update: createRoute({
    method: "patch",
    path: "/v1/upstreams/{id}",
    operationId: "updateUpstream",
    tags,
    summary:
      "Change an upstream account's name, base URL, windows, credential or whether it is enabled",
    security: bearerAuth,
    request: { params: upstreamId, ...jsonBody(UpdateUpstream) },
    responses: answers(Upstream, 200, "The account"),
  }),
  remove: createRoute({
    method: "delete",
    path: "/v1/upstreams/{id}",
    operationId: "deleteUpstream",
    tags,
    summary: "Remove an upstream account and its windows' usage",
    security: bearerAuth,
    request: { params: upstreamId },
    responses: answers(Upstream, 200, "The account removed"),
  }),
};

export function upstreamView({ row, windows }: UpstreamAccount): z.infer<typeof Upstream> {
  return {
    id: row.id,
    object: "upstream",
    provider: row.provider,
    name: row.name,
    base_url: row.baseUrl,
    api_key_last4: row.credentialLast4,
    windows: windows.map((state) => ({
      duration_seconds: state.window.durationSeconds,
      max_requests: state.window.maxRequests,
      max_tokens: state.window.maxTokens,
      used: { requests: state.requests, tokens: state.tokens },
      started_at: iso(state.startedAt),
      resets_at: iso(state.resetsAt),
    })),
    enabled: row.enabled,
    cooling_until: iso(row.coolingUntil),
    last_used_at: iso(row.lastUsedAt),
    created_at: iso(row.createdAt) ?? "",
    updated_at: iso(row.updatedAt) ?? "",
  };
}

type WindowBody = { duration_seconds: number; max_requests?: number; max_tokens?: number };

function windowsOf(windows: readonly WindowBody[]) {
  return windows.map((window) => ({
    durationSeconds: window.duration_seconds,
    maxRequests: window.max_requests ?? null,
    maxTokens: window.max_tokens ?? null,
  }));
}

export function upstreamRoutes(app: Api, deps: RouteDependencies): void {
  // Read when a request comes, not when routes are declared: an app may be declared without them.
  const upstreams = () => deps.services.upstreams;

  route(app, routes.create, async (c) => {
    const body = c.req.valid("json");
    const written = await upstreams().create(
      c.get("principal"),
      {
        provider: body.provider,
        name: body.name,
        baseUrl: body.base_url,
        apiKey: body.api_key,
        windows: windowsOf(body.windows),
        enabled: body.enabled,
      },
      idempotencyKey(c, deps),
      upstreamView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(upstreamView(written.made), 201);
  });

  route(app, routes.list, async (c) => {
    const query = c.req.valid("query");
    const accounts = await upstreams().list(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(accounts.map(upstreamView), query.limit), 200);
  });

  route(app, routes.get, async (c) => {
    const account = await upstreams().read(c.get("principal"), c.req.valid("param").id);
    return c.json(upstreamView(account), 200);
  });

  route(app, routes.update, async (c) => {
    const body = c.req.valid("json");
    const changes = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.base_url === undefined ? {} : { baseUrl: body.base_url }),
      ...(body.api_key === undefined ? {} : { apiKey: body.api_key }),
      ...(body.windows === undefined ? {} : { windows: windowsOf(body.windows) }),
      ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
    };
    const id = c.req.valid("param").id;
    const account = await upstreams().update(c.get("principal"), id, changes, upstreamView);
    return c.json(upstreamView(account), 200);
  });

  route(app, routes.remove, async (c) => {
    const id = c.req.valid("param").id;
    const account = await upstreams().remove(c.get("principal"), id, upstreamView);
    return c.json(upstreamView(account), 200);
  });
}
