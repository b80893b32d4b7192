/**
 * What the HTTP API is given by the composition root: the services it calls, who a key is, time
 * and ids (for request ids and server-made idempotency keys), and metrics. It never sees the
 * engine or a store.
 */
import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Authenticator } from "../access/authenticator.ts";
import type { Principal } from "../access/principal.ts";
import type { Clock, IdSource } from "../ids.ts";
import type { Services } from "../services/services.ts";
import type { Metrics } from "./metrics.ts";

export interface ApiDependencies {
  readonly services: Services;
  readonly authenticator: Authenticator;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly metrics: Metrics;
}

/** What every route gets. */
export type RouteDependencies = ApiDependencies;

export type ApiEnv = { Variables: { principal: Principal; route: string } };

export type Api = OpenAPIHono<ApiEnv>;

export const bearerAuth = [{ bearerAuth: [] }];

/**
 * Registers a route. Handlers answer plain `Response`s rendered by `views.ts`; that every answer
 * keeps to the schema its route declares is checked by the HTTP tests, which parse each one with
 * it (`test/support/response-schemas.ts`).
 */
export function route<R extends RouteConfig>(
  app: Api,
  config: R,
  handler: (c: Parameters<RouteHandler<R, ApiEnv>>[0]) => Promise<Response>,
): void {
  app.openapi(config, handler);
}
