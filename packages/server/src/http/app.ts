/**
 * The HTTP API v1: one Hono application with zod-validated routes, the OpenAPI document at
 * `/openapi.json`, docs at `/docs`, `/healthz` and `/metrics`. Every error answers the envelope
 * of `problem.ts`; a refused request writes nothing.
 */

import { limits } from "@creditpool/core";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { ZodError } from "zod";
import { bearerToken } from "../access/principal.ts";
import { gatewayRoutes } from "../gateway/gateway-routes.ts";
import type { ApiDependencies, ApiEnv } from "./api.ts";
import { type ConsoleBuild, serveConsole } from "./console.ts";
import { serveDocs } from "./docs-page.ts";
import { ApiError, errorJson, errorResponse } from "./problem.ts";
import { alertRoutes } from "./routes/alerts.ts";
import { approvalRoutes } from "./routes/approvals.ts";
import { auditRoutes } from "./routes/audit.ts";
import { billingRoutes } from "./routes/billing.ts";
import { decisionRoutes } from "./routes/decisions.ts";
import { eventRoutes } from "./routes/events.ts";
import { gatewayCallRoutes } from "./routes/gateway-calls.ts";
import { grantRoutes } from "./routes/grants.ts";
import { holdRoutes } from "./routes/holds.ts";
import { invoiceRoutes } from "./routes/invoices.ts";
import { keyRoutes } from "./routes/keys.ts";
import { marginReportRoutes } from "./routes/margin-report.ts";
import { memberRoutes } from "./routes/members.ts";
import { modelReportRoutes } from "./routes/model-reports.ts";
import { organizationRoutes } from "./routes/organizations.ts";
import { poolRoutes } from "./routes/pools.ts";
import { pricingRoutes } from "./routes/pricing.ts";
import { recurringGrantRoutes } from "./routes/recurring-grants.ts";
import { reportRoutes } from "./routes/reports.ts";
import { routingPolicyRoutes } from "./routes/routing-policies.ts";
import { seatAssignmentRoutes } from "./routes/seat-assignments.ts";
import { testClockRoutes } from "./routes/test-clocks.ts";
import { transferRoutes } from "./routes/transfers.ts";
import { upstreamRoutes } from "./routes/upstreams.ts";
import { usageRoutes } from "./routes/usage.ts";
import { usageReportRoutes } from "./routes/usage-reports.ts";

export const apiVersion = "0.1.0";

export interface AppOptions {
  readonly logger?: Logger;
  /** The console's files; by default read from the installed `@creditpool/web` at start. */
  readonly console?: ConsoleBuild | null;
}

export function createApp(deps: ApiDependencies, options: AppOptions = {}): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => (result.success ? undefined : invalid(result.error, result.target)),
  });
  const logger = options.logger;

  app.use("*", async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c) ?? deps.ids.next("key").replace("key_", "req_");
    c.set("requestId", requestId);
    c.header("Request-Id", requestId);
    await next();
    const route = c.get("route") ?? routeOf(c.req.routePath);
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.latency.observe({ method: c.req.method, route }, seconds);
    logger?.info(
      {
        request_id: requestId,
        method: c.req.method,
        route,
        status: c.res.status,
        ms: Math.round(seconds * 10_000) / 10,
        organization: c.get("principal")?.organizationId ?? undefined,
        key: c.get("principal")?.keyId,
      },
      "request",
    );
  });

  // A declared Content-Length is checked without touching the body; only a body of unknown
  // length (chunked) is counted as it streams, which costs a full web Request per request.
  const tooLarge = (c: Context) =>
    errorJson(
      c,
      "payload_too_large",
      `The body is larger than ${limits.requestBodyBytesMax} bytes.`,
      "body",
    );
  const countedLimit = bodyLimit({ maxSize: limits.requestBodyBytesMax, onError: tooLarge });
  app.use("/v1/*", async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared === undefined) return countedLimit(c, next);
    // Node's parser refuses a malformed length on a socket (client-error.ts answers); a request
    // handed to `fetch` in process is checked here, where `Number` would pass "abc" or "1e3".
    if (!/^[0-9]+$/.test(declared)) {
      const message = "Content-Length must be one decimal number of bytes.";
      return errorJson(c, "invalid_request", message, "Content-Length");
    }
    if (Number(declared) > limits.requestBodyBytesMax) return tooLarge(c);
    await next();
  });

  // A JSON body left empty is read as `{}`, so a route whose body is optional (a release, a void)
  // accepts what clients send when they have nothing to say; a required body then names the
  // first missing field instead of calling the body malformed.
  app.use("/v1/*", async (c, next) => {
    if (isJson(c.req.header("content-type")) && (await bodyIsEmpty(c.req.raw))) {
      const headers = new Headers(c.req.raw.headers);
      headers.delete("content-length");
      c.req.raw = new Request(c.req.raw, { body: "{}", headers });
    }
    await next();
  });

  app.use("/v1/*", async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (token === null)
      throw new ApiError("unauthenticated", "Send an API key: Authorization: Bearer <key>.");
    const principal = await deps.authenticator.principalOf(token);
    if (principal === null)
      throw new ApiError("unauthenticated", "This API key is unknown or revoked.");
    c.set("principal", { ...principal, requestId: c.get("requestId") });
    await next();
    if (c.req.method === "DELETE" && c.res.status === 200) deps.authenticator.forgetAll();
  });

  const routeDeps = deps;
  organizationRoutes(app, routeDeps);
  poolRoutes(app, routeDeps);
  grantRoutes(app, routeDeps);
  recurringGrantRoutes(app, routeDeps);
  decisionRoutes(app, routeDeps);
  approvalRoutes(app, routeDeps);
  holdRoutes(app, routeDeps);
  usageRoutes(app, routeDeps);
  transferRoutes(app, routeDeps);
  auditRoutes(app, routeDeps);
  memberRoutes(app, routeDeps);
  keyRoutes(app, routeDeps);
  pricingRoutes(app, routeDeps);
  billingRoutes(app, routeDeps);
  seatAssignmentRoutes(app, routeDeps);
  invoiceRoutes(app, routeDeps);
  reportRoutes(app, routeDeps);
  marginReportRoutes(app, routeDeps);
  usageReportRoutes(app, routeDeps);
  modelReportRoutes(app, routeDeps);
  testClockRoutes(app, routeDeps);
  eventRoutes(app, routeDeps);
  alertRoutes(app, routeDeps);
  upstreamRoutes(app, routeDeps);
  routingPolicyRoutes(app, routeDeps);
  gatewayCallRoutes(app, routeDeps);
  gatewayRoutes(app, {
    services: deps.services,
    authenticator: deps.authenticator,
    onError: (error, where) => logger?.error({ err: error, where }, "gateway failure"),
  });

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "creditpool",
      version: apiVersion,
      description: [
        "Organization-level pooled credits for AI: pools, grants, holds, usage and the journal.",
        "The AI gateway's OpenAI- and Anthropic-compatible routes (under /gateway/) follow those",
        "providers' own APIs and are not described here; its upstream accounts, routing policies",
        "and call log are (/v1/upstreams, /v1/routing-policies, /v1/gateway-calls).",
      ].join(" "),
      license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
    },
    // The address `creditpool serve` listens on by default; a deployment serves its own.
    servers: [{ url: "http://127.0.0.1:8080", description: "creditpool serve, by default" }],
  });
  serveDocs(app);
  serveConsole(app, options.console);
  app.get("/healthz", (c) => c.json({ status: "ok", version: apiVersion }));
  app.get("/metrics", async (c) =>
    c.body(await deps.metrics.registry.metrics(), 200, {
      "content-type": deps.metrics.registry.contentType,
    }),
  );

  app.notFound((c) => errorJson(c, "route_not_found", `No route ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && (error.status === 400 || error.status === 415)) {
      const message = "The body must be JSON, sent with Content-Type: application/json.";
      return errorJson(c, "invalid_request", message, "body");
    }
    logger?.error(
      { err: error, route: c.req.routePath, request_id: c.get("requestId") },
      "unexpected failure",
    );
    return errorJson(c, "internal_error", "An unexpected failure; nothing was applied.");
  });
  return app;
}

function invalid(error: ZodError, target: string): never {
  const [issue] = error.issues;
  if (issue === undefined) throw new ApiError("invalid_request", "The request is invalid.");
  const keys = issue.code === "unrecognized_keys" ? (issue as { keys?: string[] }).keys : undefined;
  const path = [...issue.path, ...(keys === undefined ? [] : [keys[0] ?? ""])];
  const joined = path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
  const param =
    path.length === 0 ? "body" : joined === "idempotency-key" ? "Idempotency-Key" : joined;
  const known = target === "query" ? "is not a known query parameter" : "is not a known field";
  const message = issue.code === "unrecognized_keys" ? known : issue.message;
  throw new ApiError("invalid_request", `${param} ${message}`, param);
}

/**
 * The caller's own request id (`Request-Id`, or `X-Request-Id`) when it is a short safe token:
 * letters, digits and `._:-`, at most as long as an id. Anything else is ignored, not refused.
 */
function requestIdFrom(c: Context): string | undefined {
  const given = c.req.header("request-id") ?? c.req.header("x-request-id");
  if (given === undefined || given.length > limits.idLengthMax) return undefined;
  return /^[0-9A-Za-z][0-9A-Za-z._:-]*$/.test(given) ? given : undefined;
}

/** Whether a request that may carry a body sent none (GET and HEAD carry none by definition). */
async function bodyIsEmpty(request: Request): Promise<boolean> {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const declared = request.headers.get("content-length");
  if (declared !== null) return declared === "0";
  // A body of unknown length was read whole by the body limit above: reading a copy is cheap.
  return request.body === null || (await request.clone().text()) === "";
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType);
}

function routeOf(path: string): string {
  return path === "*" || path === "/*" ? "unmatched" : path;
}
