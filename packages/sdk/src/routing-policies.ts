/**
 * Routing policies: how the gateway picks a model for a pool's calls, by complexity tier, with a
 * low-balance step-down. One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  CreateRoutingPolicy,
  PageQuery,
  RoutingPolicy,
  RoutingPolicyList,
  UpdateRoutingPolicy,
  WriteOptions,
} from "./types.ts";

export function routingPoliciesResource(t: Transport) {
  return {
    /** One policy a pool; it applies to the pool's subtree unless a nearer pool has its own. */
    create: (body: CreateRoutingPolicy, options: WriteOptions = {}) =>
      t.request<RoutingPolicy>({
        method: "POST",
        path: "/v1/routing-policies",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<RoutingPolicyList>({ method: "GET", path: "/v1/routing-policies", query }),
    get: (id: string) =>
      t.request<RoutingPolicy>({ method: "GET", path: at("/v1/routing-policies", id) }),
    update: (id: string, body: UpdateRoutingPolicy) =>
      t.request<RoutingPolicy>({ method: "PATCH", path: at("/v1/routing-policies", id), body }),
    /** The nearest policy above, if any, applies instead. */
    delete: (id: string) =>
      t.request<RoutingPolicy>({ method: "DELETE", path: at("/v1/routing-policies", id) }),
  };
}

export type RoutingPolicies = ReturnType<typeof routingPoliciesResource>;
