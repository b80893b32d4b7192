/** What every route handler gets: the engine, the store, time and ids, metrics. */
import type { OpenAPIHono, RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { Clock, Engine } from "../engine/engine.ts";
import type { IdSource, RandomFill } from "../engine/ids.ts";
import type { Store } from "../store/port.ts";
import type { Principal } from "./auth.ts";
import type { Metrics } from "./metrics.ts";
import type { PoolTree } from "./pool-tree.ts";
import type { RateCards } from "./rate-cards.ts";

export interface ApiDependencies {
  readonly engine: Engine;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly fillRandom: RandomFill;
  readonly metrics: Metrics;
}

/** What routes get: the dependencies, and the pool tree the app keeps for reach checks. */
export interface RouteDependencies extends ApiDependencies {
  readonly tree: PoolTree;
  readonly rateCards: RateCards;
  /** Logs an unexpected failure a route answered itself (one event of a batch, say). */
  readonly reportFailure: (error: unknown, route: string) => void;
}

export type ApiEnv = { Variables: { principal: Principal; route: string } };

export type Api = OpenAPIHono<ApiEnv>;

export const bearerAuth = [{ bearerAuth: [] }];

/**
 * Registers a route. Handlers answer plain `Response`s built by the shared helpers (the engine's
 * answers are JSON already shaped by the same schemas), so only the request side is typed here.
 */
export function route<R extends RouteConfig>(
  app: Api,
  config: R,
  handler: (c: Parameters<RouteHandler<R, ApiEnv>>[0]) => Promise<Response>,
): void {
  app.openapi(config, handler as unknown as RouteHandler<R, ApiEnv>);
}
