/**
 * Upstream accounts: the provider credentials the gateway calls through, with their quota
 * windows. A credential is sent when an account is made or rotated and never answered again:
 * an account shows only its last four characters. One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  CreateUpstream,
  PageQuery,
  UpdateUpstream,
  Upstream,
  UpstreamList,
  WriteOptions,
} from "./types.ts";

export function upstreamsResource(t: Transport) {
  return {
    /** `base_url` defaults to the provider's API; `windows` roll from their first use. */
    create: (body: CreateUpstream, options: WriteOptions = {}) =>
      t.request<Upstream>({
        method: "POST",
        path: "/v1/upstreams",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<UpstreamList>({ method: "GET", path: "/v1/upstreams", query }),
    get: (id: string) => t.request<Upstream>({ method: "GET", path: at("/v1/upstreams", id) }),
    /** A new `api_key` rotates the credential; `enabled: false` takes the account out of use. */
    update: (id: string, body: UpdateUpstream) =>
      t.request<Upstream>({ method: "PATCH", path: at("/v1/upstreams", id), body }),
    delete: (id: string) =>
      t.request<Upstream>({ method: "DELETE", path: at("/v1/upstreams", id) }),
  };
}

export type Upstreams = ReturnType<typeof upstreamsResource>;
