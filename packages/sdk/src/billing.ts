/**
 * Plans, subscriptions, invoices, revenue reports and test clocks: one method per route, as in
 * `resources.ts`. Money is integer minor units of the plan's currency (a string in answers);
 * credits are decimal strings.
 */
import { usageReportMethods } from "./reports.ts";
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  AssignSeat,
  BuyTopUp,
  ChangePlan,
  ChangeSeats,
  Invoice,
  InvoiceList,
  InvoiceQuery,
  PageQuery,
  Plan,
  PlanList,
  PublishPlan,
  RevenueReport,
  SeatAssignment,
  SeatAssignmentList,
  SetAutoTopUp,
  StartSubscription,
  Subscription,
  SubscriptionList,
  TestClock,
  TestClockList,
  TopUp,
  WriteOptions,
} from "./types.ts";

export function plansResource(t: Transport) {
  return {
    /** Publishes the next version of a plan: the operator's catalog, or the organization's own. */
    publish: (body: PublishPlan, options: WriteOptions = {}) =>
      t.request<Plan>({
        method: "POST",
        path: "/v1/plans",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** The latest version of every plan the organization may subscribe to. */
    list: () => t.request<PlanList>({ method: "GET", path: "/v1/plans" }),
    /** A plan's latest version, or the one named. */
    get: (id: string, version?: number) =>
      t.request<Plan>({
        method: "GET",
        path: at("/v1/plans", id),
        query: version === undefined ? {} : { version },
      }),
  };
}

export function subscriptionsResource(t: Transport) {
  const act = (id: string, what: "cancel" | "resume", options: WriteOptions) =>
    t.request<Subscription>({
      method: "POST",
      path: `${at("/v1/subscriptions", id)}/${what}`,
      idempotencyKey: options.idempotencyKey,
    });
  return {
    /** Puts a pool on a plan: the period's included credits are granted at once. */
    start: (body: StartSubscription, options: WriteOptions = {}) =>
      t.request<Subscription>({
        method: "POST",
        path: "/v1/subscriptions",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<SubscriptionList>({ method: "GET", path: "/v1/subscriptions", query }),
    /** As of now: renewed first if its period has ended. */
    get: (id: string) =>
      t.request<Subscription>({ method: "GET", path: at("/v1/subscriptions", id) }),
    /** Sets the seat count from now, prorated both ways. */
    changeSeats: (id: string, body: ChangeSeats, options: WriteOptions = {}) =>
      t.request<Subscription>({
        method: "POST",
        path: `${at("/v1/subscriptions", id)}/seats`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Another plan: an upgrade now, prorated; a downgrade at the period's end. */
    changePlan: (id: string, body: ChangePlan, options: WriteOptions = {}) =>
      t.request<Subscription>({
        method: "POST",
        path: `${at("/v1/subscriptions", id)}/plan`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Ends the subscription at its period's end. */
    cancel: (id: string, options: WriteOptions = {}) => act(id, "cancel", options),
    /** Undoes a cancellation while the period runs. */
    resume: (id: string, options: WriteOptions = {}) => act(id, "resume", options),
    /**
     * Sets the auto top-up rule (`{ auto_top_up: { threshold, pack | credits, max_per_period } }`)
     * or removes it (`{ auto_top_up: null }`).
     */
    setAutoTopUp: (id: string, body: SetAutoTopUp, options: WriteOptions = {}) =>
      t.request<Subscription>({
        method: "POST",
        path: `${at("/v1/subscriptions", id)}/auto-top-up`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /**
     * Gives a member one of the seats (`seats_exhausted` when none is free); a member who already
     * holds one is answered that assignment.
     */
    assignSeat: (id: string, body: AssignSeat, options: WriteOptions = {}) =>
      t.request<SeatAssignment>({
        method: "POST",
        path: `${at("/v1/subscriptions", id)}/assignments`,
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    /** Takes a member's seat back; answers the removed assignment. */
    unassignSeat: (id: string, member: string) =>
      t.request<SeatAssignment>({
        method: "DELETE",
        path: at(`${at("/v1/subscriptions", id)}/assignments`, member),
      }),
    /** The members holding the subscription's seats, by member id. */
    listAssignments: (id: string, query: PageQuery = {}) =>
      t.request<SeatAssignmentList>({
        method: "GET",
        path: `${at("/v1/subscriptions", id)}/assignments`,
        query,
      }),
  };
}

export function topUpsResource(t: Transport) {
  return {
    /** Buys credits now through a subscription: a pack of its plan, or an amount. */
    buy: (body: BuyTopUp, options: WriteOptions = {}) =>
      t.request<TopUp>({
        method: "POST",
        path: "/v1/top-ups",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export function invoicesResource(t: Transport) {
  const mark = (id: string, what: "pay" | "void", options: WriteOptions) =>
    t.request<Invoice>({
      method: "POST",
      path: `${at("/v1/invoices", id)}/${what}`,
      idempotencyKey: options.idempotencyKey,
    });
  return {
    list: (query: InvoiceQuery = {}) =>
      t.request<InvoiceList>({ method: "GET", path: "/v1/invoices", query }),
    get: (id: string) => t.request<Invoice>({ method: "GET", path: at("/v1/invoices", id) }),
    /** The invoice as a printable, self-contained HTML page. */
    html: (id: string) =>
      t.request<string>({
        method: "GET",
        path: `${at("/v1/invoices", id)}/html`,
        accept: "text/html",
      }),
    /** Marks a finalized invoice paid (collected by your payment provider). */
    pay: (id: string, options: WriteOptions = {}) => mark(id, "pay", options),
    void: (id: string, options: WriteOptions = {}) => mark(id, "void", options),
  };
}

export type Plans = ReturnType<typeof plansResource>;
export type Subscriptions = ReturnType<typeof subscriptionsResource>;
export type Invoices = ReturnType<typeof invoicesResource>;
export type TopUps = ReturnType<typeof topUpsResource>;

export function reportsResource(t: Transport) {
  return {
    /**
     * Revenue recognition per pool and department over [from, to): deferred, recognized and
     * breakage, in credits and in money at each grant's cost basis.
     */
    revenue: (query: { from: string; to: string }) =>
      t.request<RevenueReport>({
        method: "GET",
        path: "/v1/reports/revenue",
        query: { from: query.from, to: query.to },
      }),
    ...usageReportMethods(t),
  };
}

export type Reports = ReturnType<typeof reportsResource>;

export function testClocksResource(t: Transport) {
  return {
    /** Gives the key's organization a test clock (its ledger must be empty); answers its clock. */
    create: (options: WriteOptions = {}) =>
      t.request<TestClock>({
        method: "POST",
        path: "/v1/test-clocks",
        idempotencyKey: options.idempotencyKey,
      }),
    list: () => t.request<TestClockList>({ method: "GET", path: "/v1/test-clocks" }),
    get: (id: string) => t.request<TestClock>({ method: "GET", path: at("/v1/test-clocks", id) }),
    /** Moves the organization's time forward to `to` (an ISO 8601 time). */
    advance: (id: string, body: { to: string }) =>
      t.request<TestClock>({
        method: "POST",
        path: `${at("/v1/test-clocks", id)}/advance`,
        body,
      }),
  };
}

export type TestClocks = ReturnType<typeof testClocksResource>;
