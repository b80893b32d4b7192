/**
 * Names for the API's shapes, all derived from the generated `openapi.ts`: a change to the
 * server's schemas changes these types, and a route's request and answer types are read off its
 * operation, never written by hand.
 */
import type { components, paths } from "./openapi.ts";

type Schemas = components["schemas"];

type Verb = "get" | "post" | "patch" | "delete";
type Operation<P extends keyof paths, V extends Verb> = paths[P][V];

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, V extends Verb> =
  Operation<P, V> extends { requestBody: { content: { "application/json": infer B } } } ? B : never;

/** The JSON an operation answers on success (200 or 201). */
export type Answer<P extends keyof paths, V extends Verb> =
  Operation<P, V> extends { responses: infer R }
    ? R extends { 200: { content: { "application/json": infer A } } }
      ? A
      : R extends { 201: { content: { "application/json": infer A } } }
        ? A
        : never
    : never;

/** The query parameters an operation takes. */
export type Query<P extends keyof paths, V extends Verb> =
  Operation<P, V> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Organization = Schemas["Organization"];
export type CreatedOrganization = Schemas["CreatedOrganization"];
export type Pool = Schemas["Pool"];
export type Grant = Schemas["Grant"];
export type Hold = Schemas["Hold"];
export type Transfer = Schemas["Transfer"];
export type Member = Schemas["Member"];
export type ApiKey = Schemas["ApiKey"];
export type UsageResult = Schemas["UsageResult"];

export type CreateOrganization = RequestBody<"/v1/organizations", "post">;
export type CreatePool = RequestBody<"/v1/pools", "post">;
export type UpdatePool = RequestBody<"/v1/pools/{id}", "patch">;
export type CreateGrant = RequestBody<"/v1/grants", "post">;
export type ChangeGrantExpiry = RequestBody<"/v1/grants/{id}/expiry", "post">;
export type ReallocateGrant = RequestBody<"/v1/grants/{id}/reallocate", "post">;
export type BoostPool = RequestBody<"/v1/pools/{id}/boost", "post">;
export type CreateHold = RequestBody<"/v1/holds", "post">;
export type CaptureHold = RequestBody<"/v1/holds/{id}/capture", "post">;
export type RecordUsage = RequestBody<"/v1/usage", "post">;
export type UsageEvent = RecordUsage["events"][number];
export type CreateMember = RequestBody<"/v1/members", "post">;
export type CreateKey = RequestBody<"/v1/keys", "post">;

export type PageQuery = Query<"/v1/keys", "get">;
export type PoolQuery = Query<"/v1/pools", "get">;
export type GrantQuery = Query<"/v1/grants", "get">;
export type TransferQuery = Query<"/v1/transfers", "get">;

export type PoolList = Answer<"/v1/pools", "get">;
export type GrantList = Answer<"/v1/grants", "get">;
export type TransferList = Answer<"/v1/transfers", "get">;
export type MemberList = Answer<"/v1/members", "get">;
export type KeyList = Answer<"/v1/keys", "get">;
export type UsageAnswer = Answer<"/v1/usage", "post">;

type HoldDecisionSchema = Answer<"/v1/holds", "post">;

/** The hold was made: the credits are reserved until it is captured, released or expires. */
export type HoldAllowed = { readonly allowed: true; readonly hold: Hold };

/**
 * The hold was refused; nothing was written but its decision record. `code` is the first refusal
 * in precedence order (`rate_limited`, `model_not_allowed`, `member_cap_exceeded`,
 * `pool_in_debt`, `pool_limit_exceeded`, `insufficient_credits`, `approval_required`) and `pool`
 * where it applies; `decision_id` names the record (`decisions.get`), which for
 * `approval_required` is the approval request; `retry_after` (seconds) comes with `rate_limited`.
 */
export type HoldRefused = {
  readonly allowed: false;
  readonly code: NonNullable<HoldDecisionSchema["code"]>;
  readonly pool: NonNullable<HoldDecisionSchema["pool"]>;
  readonly message?: HoldDecisionSchema["message"];
  readonly decision_id?: HoldDecisionSchema["decision_id"];
  readonly retry_after?: HoldDecisionSchema["retry_after"];
};

/** The answer to `holds.create`: a normal answer either way, narrowed on `allowed`. */
export type HoldDecision = HoldAllowed | HoldRefused;

/** Options every call that writes accepts. */
export interface WriteOptions {
  /** Makes the request safe to retry; the SDK makes a time-ordered one when not given. */
  readonly idempotencyKey?: string;
}

export type RateCard = Schemas["RateCard"];
export type Quote = Schemas["Quote"];
export type CreateRateCard = RequestBody<"/v1/rate-cards", "post">;
export type CreateQuote = RequestBody<"/v1/quotes", "post">;
export type RateCardList = Answer<"/v1/rate-cards", "get">;

export type Plan = Schemas["Plan"];
export type Subscription = Schemas["Subscription"];
export type Invoice = Schemas["Invoice"];
export type RevenueReport = Schemas["RevenueReport"];
export type UsageReport = Schemas["UsageReport"];
export type TopConsumers = Schemas["TopConsumers"];
export type Chargeback = Schemas["Chargeback"];
export type Forecast = Schemas["Forecast"];
export type BuyersMath = Schemas["BuyersMath"];
export type Pooling = Schemas["Pooling"];
export type MarginReport = Schemas["MarginReport"];
export type UsageReportQuery = Query<"/v1/reports/usage", "get">;
export type TopConsumersQuery = Query<"/v1/reports/top-consumers", "get">;
export type ChargebackQuery = Query<"/v1/reports/chargeback", "get">;
export type ForecastQuery = Query<"/v1/reports/forecast", "get">;
export type BuyersMathQuery = Query<"/v1/reports/buyers-math", "get">;
export type PoolingQuery = Query<"/v1/reports/pooling", "get">;
export type MarginReportQuery = Query<"/v1/reports/margin", "get">;
export type TestClock = Schemas["TestClock"];
export type TestClockList = Answer<"/v1/test-clocks", "get">;
export type PublishPlan = RequestBody<"/v1/plans", "post">;
export type StartSubscription = RequestBody<"/v1/subscriptions", "post">;
export type ChangeSeats = RequestBody<"/v1/subscriptions/{id}/seats", "post">;
export type ChangePlan = RequestBody<"/v1/subscriptions/{id}/plan", "post">;
export type BuyTopUp = RequestBody<"/v1/top-ups", "post">;
export type SetAutoTopUp = RequestBody<"/v1/subscriptions/{id}/auto-top-up", "post">;
export type TopUp = Schemas["TopUp"];
export type PlanList = Answer<"/v1/plans", "get">;
export type SubscriptionList = Answer<"/v1/subscriptions", "get">;
export type SeatAssignment = Schemas["SeatAssignment"];
export type AssignSeat = RequestBody<"/v1/subscriptions/{id}/assignments", "post">;
export type SeatAssignmentList = Answer<"/v1/subscriptions/{id}/assignments", "get">;
export type InvoiceList = Answer<"/v1/invoices", "get">;
export type InvoiceQuery = Query<"/v1/invoices", "get">;

export type AuditRecord = Schemas["AuditRecord"];
export type AuditRecordList = Answer<"/v1/audit-records", "get">;
export type AuditRecordQuery = Query<"/v1/audit-records", "get">;
export type AuditExportQuery = Query<"/v1/audit-records/export", "get">;

export type RecurringGrant = Schemas["RecurringGrant"];
export type CreateRecurringGrant = RequestBody<"/v1/recurring-grants", "post">;
export type RecurringGrantList = Answer<"/v1/recurring-grants", "get">;
export type Decision = Schemas["Decision"];
export type DecisionList = Answer<"/v1/decisions", "get">;
export type GatewayCall = Schemas["GatewayCall"];
export type GatewayCallList = Answer<"/v1/gateway-calls", "get">;
export type GatewayCallQuery = Query<"/v1/gateway-calls", "get">;
export type DecisionQuery = Query<"/v1/decisions", "get">;
export type Approval = Schemas["Approval"];
export type ApprovalList = Answer<"/v1/approvals", "get">;
export type ApprovalQuery = Query<"/v1/approvals", "get">;

export type Event = Schemas["Event"];
export type EventList = Answer<"/v1/events", "get">;
export type EventQuery = Query<"/v1/events", "get">;
export type ReplayQuery = Query<"/v1/events/{id}/replay", "post">;
export type EventReplay = Answer<"/v1/events/{id}/replay", "post">;
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointList = Answer<"/v1/webhook-endpoints", "get">;
export type CreateWebhookEndpoint = RequestBody<"/v1/webhook-endpoints", "post">;
export type UpdateWebhookEndpoint = RequestBody<"/v1/webhook-endpoints/{id}", "patch">;
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookDeliveryList = Answer<"/v1/webhook-endpoints/{id}/deliveries", "get">;

export type AlertRule = Schemas["AlertRule"];
export type CreateAlertRule = RequestBody<"/v1/alert-rules", "post">;
export type UpdateAlertRule = RequestBody<"/v1/alert-rules/{id}", "patch">;
export type AlertRuleList = Answer<"/v1/alert-rules", "get">;
export type Upstream = Schemas["Upstream"];
export type CreateUpstream = RequestBody<"/v1/upstreams", "post">;
export type UpdateUpstream = RequestBody<"/v1/upstreams/{id}", "patch">;
export type UpstreamList = Answer<"/v1/upstreams", "get">;
export type RoutingPolicy = Schemas["RoutingPolicy"];
export type CreateRoutingPolicy = RequestBody<"/v1/routing-policies", "post">;
export type UpdateRoutingPolicy = RequestBody<"/v1/routing-policies/{id}", "patch">;
export type RoutingPolicyList = Answer<"/v1/routing-policies", "get">;
export type Alert = Schemas["Alert"];
export type AlertList = Answer<"/v1/alerts", "get">;
export type AlertQuery = Query<"/v1/alerts", "get">;
