/**
 * The closed set of outcomes creditpool reports. A code is never renamed or reused; new codes are
 * appended. `docs/reference/errors.md` lists the same codes and a test keeps the two in sync.
 *
 * Refusals of a hold are normal answers (`allowed: false`), not errors. When several refusals
 * apply, the first in `holdRefusalPrecedence` is reported.
 */
export const resultCodes = {
  ok: { status: 200, retryable: false, summary: "The command was applied." },
  pool_in_debt: {
    status: 200,
    retryable: false,
    summary: "Hold refused: the carrier pool of the draw chain has debt from unpaid usage.",
  },
  pool_limit_exceeded: {
    status: 200,
    retryable: false,
    summary:
      "Hold refused: a hard limit on the path would be passed, or a pool past its soft limit throttles holds this large (the nearest such pool).",
  },
  insufficient_credits: {
    status: 200,
    retryable: false,
    summary: "Hold refused: the draw chain's grants and overage allowance do not cover it.",
  },
  hold_expired: {
    status: 409,
    retryable: false,
    summary: "The hold passed its TTL; a capture is recorded as usage, a release changes nothing.",
  },
  hold_not_held: {
    status: 409,
    retryable: false,
    summary: "The hold was already captured or released.",
  },
  organization_not_found: { status: 404, retryable: false, summary: "No such organization." },
  pool_not_found: { status: 404, retryable: false, summary: "No such pool in the organization." },
  grant_not_found: { status: 404, retryable: false, summary: "No such grant in the organization." },
  hold_not_found: { status: 404, retryable: false, summary: "No such hold in the organization." },
  pool_depth_exceeded: {
    status: 422,
    retryable: false,
    summary: "The new pool would be deeper than the maximum tree depth.",
  },
  pool_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization already has the maximum number of pools.",
  },
  id_in_use: {
    status: 409,
    retryable: false,
    summary: "An object with this id already exists.",
  },
  idempotency_key_reused: {
    status: 409,
    retryable: false,
    summary: "The idempotency key was first used with a different request.",
  },
  invalid_request: {
    status: 400,
    retryable: false,
    summary: "A field is missing, malformed or out of range; `param` names it.",
  },
  report_too_large: {
    status: 400,
    retryable: false,
    summary:
      "The report would read more stored buckets than one request may: ask for a narrower span, a coarser interval or a pool further down.",
  },
  unauthenticated: {
    status: 401,
    retryable: false,
    summary: "No API key, or a key that does not exist or was revoked.",
  },
  permission_denied: {
    status: 403,
    retryable: false,
    summary: "The key's role may not do this; the organization's objects stay unseen.",
  },
  route_not_found: { status: 404, retryable: false, summary: "No such route." },
  member_not_found: {
    status: 404,
    retryable: false,
    summary: "No such member in the organization.",
  },
  key_not_found: { status: 404, retryable: false, summary: "No such API key in the organization." },
  payload_too_large: {
    status: 413,
    retryable: false,
    summary: "The request body is larger than the maximum.",
  },
  meter_not_priced: {
    status: 422,
    retryable: false,
    summary:
      "The rate card in force does not price a meter (or model) of the usage; nothing is priced at zero.",
  },
  rate_card_missing: {
    status: 422,
    retryable: false,
    summary: "No rate card is in force for the organization at that time.",
  },
  quote_not_found: { status: 404, retryable: false, summary: "No such quote in the organization." },
  quote_expired: {
    status: 409,
    retryable: false,
    summary: "The quote passed its expiry; ask for a new one.",
  },
  overloaded: {
    status: 503,
    retryable: true,
    summary: "The engine's queue is full; retry with the same idempotency key.",
  },
  internal_error: {
    status: 500,
    retryable: true,
    summary: "An unexpected failure; nothing was applied. Retry with the same idempotency key.",
  },
  amount_out_of_range: {
    status: 422,
    retryable: false,
    summary:
      "The amount would carry a pool's running total (consumed this period plus held, or debt) past its maximum, or a price past the largest amount; nothing was recorded.",
  },
  plan_not_found: { status: 404, retryable: false, summary: "No such plan or plan version." },
  subscription_not_found: {
    status: 404,
    retryable: false,
    summary: "No such subscription in the organization.",
  },
  invoice_not_found: {
    status: 404,
    retryable: false,
    summary: "No such invoice in the organization.",
  },
  subscription_exists: {
    status: 409,
    retryable: false,
    summary: "The pool already has an active subscription; change its seats or cancel it first.",
  },
  subscription_canceled: {
    status: 409,
    retryable: false,
    summary: "The subscription has ended; start a new one.",
  },
  subscription_busy: {
    status: 409,
    retryable: true,
    summary:
      "Another change of the subscription landed first; retry with the same idempotency key.",
  },
  subscription_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization has as many subscriptions as it may.",
  },
  invoice_full: {
    status: 422,
    retryable: false,
    summary: "The period's invoice has as many lines as it may; change seats again next period.",
  },
  invoice_not_open: {
    status: 409,
    retryable: false,
    summary:
      "The invoice's status does not allow that (only a finalized invoice is paid or voided).",
  },
  grant_closed: {
    status: 409,
    retryable: false,
    summary: "The grant has expired or was voided; its expiry no longer changes.",
  },
  test_clock_not_found: {
    status: 404,
    retryable: false,
    summary: "No test clock with this id in the key's organization.",
  },
  test_clock_unavailable: {
    status: 409,
    retryable: false,
    summary: "A test clock is made only for an organization with an empty ledger and no clock yet.",
  },
  recurring_grant_not_found: {
    status: 404,
    retryable: false,
    summary: "No such recurring grant in the organization, or none in the key's reach.",
  },
  recurring_grant_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization has as many recurring grants as it may.",
  },
  recurring_grant_busy: {
    status: 409,
    retryable: true,
    summary:
      "Another change of the recurring grant landed first; retry with the same idempotency key.",
  },
  decision_not_found: {
    status: 404,
    retryable: false,
    summary: "No such decision record in the organization, or none in the key's reach.",
  },
  rate_limited: {
    status: 200,
    retryable: true,
    summary:
      "Hold refused: a rate limit of the key, the member or a pool on the path has no room now; `retry_after` says when it will.",
  },
  model_not_allowed: {
    status: 200,
    retryable: false,
    summary:
      "Hold refused: a pool on the path does not allow the model, or allows only others past its soft limit (the nearest such pool).",
  },
  member_cap_exceeded: {
    status: 200,
    retryable: false,
    summary:
      "Hold refused: the member or key would pass its cap for the period at a pool on the path.",
  },
  approval_required: {
    status: 200,
    retryable: false,
    summary:
      "Hold refused until approved: it is above the approval amount of a pool on the path; the decision is the approval request.",
  },
  approval_not_found: {
    status: 404,
    retryable: false,
    summary: "No such approval request in the organization, or none in the key's reach.",
  },
  approval_not_usable: {
    status: 409,
    retryable: false,
    summary:
      "The approval is pending, denied or expired, or the hold asks for more, elsewhere or for someone else than was approved.",
  },
  event_not_found: {
    status: 404,
    retryable: false,
    summary: "No such event in the organization (events are kept 30 days).",
  },
  webhook_endpoint_not_found: {
    status: 404,
    retryable: false,
    summary: "No such webhook endpoint in the organization.",
  },
  webhook_delivery_not_found: {
    status: 404,
    retryable: false,
    summary: "No such webhook delivery in the organization.",
  },
  webhook_endpoint_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization has as many webhook endpoints as it may.",
  },
  pool_archived: {
    status: 409,
    retryable: false,
    summary:
      "The pool is archived: it keeps its history but takes no new holds, usage, grants or child pools.",
  },
  pool_not_empty: {
    status: 409,
    retryable: false,
    summary:
      "The pool still has child pools not archived, open holds, grants with credits left, or debt; the message says which.",
  },
  alert_rule_not_found: {
    status: 404,
    retryable: false,
    summary: "No such alert rule in the organization, or none in the key's reach.",
  },
  alert_rule_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization has as many alert rules as it may.",
  },
  alert_not_found: {
    status: 404,
    retryable: false,
    summary: "No such alert in the organization, or none in the key's reach.",
  },
  reallocation_target_outside: {
    status: 422,
    retryable: false,
    summary:
      "The target pool is not in the subtree of the grant's carrier (the end of its pool's draw chain).",
  },
  reallocation_not_undoable: {
    status: 409,
    retryable: false,
    summary:
      "The grant was not made by a reallocation, its undo window (24 hours) has passed, or its source grant is closed.",
  },
  upstream_not_found: {
    status: 404,
    retryable: false,
    summary: "No such upstream account in the organization.",
  },
  upstream_count_exceeded: {
    status: 422,
    retryable: false,
    summary: "The organization has as many upstream accounts as it may.",
  },
  upstream_busy: {
    status: 409,
    retryable: true,
    summary: "Another change of the upstream account landed first; retry.",
  },
  secret_key_missing: {
    status: 503,
    retryable: false,
    summary:
      "The server has no CREDITPOOL_SECRET_KEY, so it cannot seal or open upstream credentials.",
  },
  gateway_call_not_found: {
    status: 404,
    retryable: false,
    summary: "No such gateway call in the organization, or none in the key's reach.",
  },
  routing_policy_not_found: {
    status: 404,
    retryable: false,
    summary: "No such routing policy in the organization, or none in the key's reach.",
  },
  routing_policy_exists: {
    status: 409,
    retryable: false,
    summary: "The pool already has a routing policy; change or delete that one.",
  },
  model_not_routable: {
    status: 422,
    retryable: false,
    summary:
      "The request asks for routing (`auto`) where no routing policy is in force, or no model of the policy is allowed at the pool.",
  },
  seats_exhausted: {
    status: 409,
    retryable: false,
    summary: "Every seat of the subscription is assigned; add seats or unassign a member first.",
  },
  seats_assigned: {
    status: 409,
    retryable: false,
    summary:
      "More members hold seats than the new seat count; unassign members before lowering it.",
  },
  seat_required: {
    status: 403,
    retryable: false,
    summary:
      "The pool is covered by a subscription with `seat_access: assigned`, and the hold names no member holding one of its seats; nothing was written.",
  },
  seat_tier_missing: {
    status: 409,
    retryable: false,
    summary:
      "The plan (or the downgrade waiting) has no seat tier the subscription would hold seats of; set that tier's seats to 0 first, or choose a plan with the tier.",
  },
} as const satisfies Record<string, { status: number; retryable: boolean; summary: string }>;

export type ResultCode = keyof typeof resultCodes;

/** Hold refusals, first reported first. */
export const holdRefusalPrecedence = [
  "rate_limited",
  "model_not_allowed",
  "member_cap_exceeded",
  "pool_in_debt",
  "pool_limit_exceeded",
  "insufficient_credits",
  "approval_required",
] as const satisfies readonly ResultCode[];

export type HoldRefusal = (typeof holdRefusalPrecedence)[number];

export function isResultCode(value: string): value is ResultCode {
  return Object.hasOwn(resultCodes, value);
}
