/**
 * Governance: decision records (why a hold was refused, or usage flagged) and approval requests
 * (holds above a pool's `approval_above`). One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  Approval,
  ApprovalList,
  ApprovalQuery,
  Decision,
  DecisionList,
  DecisionQuery,
  WriteOptions,
} from "./types.ts";

export function decisionsResource(t: Transport) {
  return {
    /** Newest first; filter by `code`, `pool`, `member`, `key`, `from`, `to`. */
    list: (query: DecisionQuery = {}) =>
      t.request<DecisionList>({ method: "GET", path: "/v1/decisions", query }),
    /** The path, limits and balances that decided; the id is a refusal's `decision_id`. */
    get: (id: string) => t.request<Decision>({ method: "GET", path: at("/v1/decisions", id) }),
  };
}

export function approvalsResource(t: Transport) {
  const decide =
    (verb: "approve" | "deny") =>
    (id: string, body: { note?: string } = {}, options: WriteOptions = {}) =>
      t.request<Approval>({
        method: "POST",
        path: `${at("/v1/approvals", id)}/${verb}`,
        body,
        idempotencyKey: options.idempotencyKey,
      });
  return {
    /** Newest first; `status` is pending, approved, denied or expired. */
    list: (query: ApprovalQuery = {}) =>
      t.request<ApprovalList>({ method: "GET", path: "/v1/approvals", query }),
    get: (id: string) => t.request<Approval>({ method: "GET", path: at("/v1/approvals", id) }),
    /** The first answer stands; the requester then holds again with `approval: id`. */
    approve: decide("approve"),
    deny: decide("deny"),
  };
}

export type Decisions = ReturnType<typeof decisionsResource>;
export type Approvals = ReturnType<typeof approvalsResource>;
