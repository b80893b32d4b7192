/**
 * The gateway's call log: each call through `/gateway/` that was held, with who made it, the
 * model asked for and the one that ran, the upstream account, tags, usage, credits and how it
 * ended. One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type { GatewayCall, GatewayCallList, GatewayCallQuery } from "./types.ts";

export function gatewayCallsResource(t: Transport) {
  return {
    /** Newest first; filter by `pool`, `member`, `key`. */
    list: (query: GatewayCallQuery = {}) =>
      t.request<GatewayCallList>({ method: "GET", path: "/v1/gateway-calls", query }),
    get: (id: string) =>
      t.request<GatewayCall>({ method: "GET", path: at("/v1/gateway-calls", id) }),
  };
}

export type GatewayCalls = ReturnType<typeof gatewayCallsResource>;
