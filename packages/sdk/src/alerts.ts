/**
 * Alert rules and alerts: thresholds on a pool's limit, grants, balance or forecast, and the
 * alerts raised once per crossing per period. One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  Alert,
  AlertList,
  AlertQuery,
  AlertRule,
  AlertRuleList,
  CreateAlertRule,
  PageQuery,
  UpdateAlertRule,
  WriteOptions,
} from "./types.ts";

export function alertRulesResource(t: Transport) {
  return {
    /** `thresholds` (percentages) for `limit` and `grants`, `below` (credits) for `balance`. */
    create: (body: CreateAlertRule, options: WriteOptions = {}) =>
      t.request<AlertRule>({
        method: "POST",
        path: "/v1/alert-rules",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<AlertRuleList>({ method: "GET", path: "/v1/alert-rules", query }),
    get: (id: string) => t.request<AlertRule>({ method: "GET", path: at("/v1/alert-rules", id) }),
    update: (id: string, body: UpdateAlertRule) =>
      t.request<AlertRule>({ method: "PATCH", path: at("/v1/alert-rules", id), body }),
    /** The alerts the rule raised stay. */
    delete: (id: string) =>
      t.request<AlertRule>({ method: "DELETE", path: at("/v1/alert-rules", id) }),
  };
}

export function alertsResource(t: Transport) {
  return {
    /** Newest first; filter by `status`, `pool` or `rule`. */
    list: (query: AlertQuery = {}) =>
      t.request<AlertList>({ method: "GET", path: "/v1/alerts", query }),
    get: (id: string) => t.request<Alert>({ method: "GET", path: at("/v1/alerts", id) }),
    acknowledge: (id: string, options: WriteOptions = {}) =>
      t.request<Alert>({
        method: "POST",
        path: `${at("/v1/alerts", id)}/acknowledge`,
        idempotencyKey: options.idempotencyKey,
      }),
    /** The same crossing is not raised again in its period. */
    resolve: (id: string, options: WriteOptions = {}) =>
      t.request<Alert>({
        method: "POST",
        path: `${at("/v1/alerts", id)}/resolve`,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export type AlertRules = ReturnType<typeof alertRulesResource>;
export type Alerts = ReturnType<typeof alertsResource>;
