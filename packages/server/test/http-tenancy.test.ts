/**
 * Tenant isolation over HTTP: with two organizations, a key of one can neither read nor change
 * anything of the other. Naming the other's object answers 404 (never 403, which would confirm
 * that it exists), lists never show it, and the other's journal and directory stay as they were.
 * The table has one row per way a route can name an object; the first test checks that every
 * operation of /openapi.json has a row, so a new route cannot be added without one.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { raisedAlert } from "./support/alerts.ts";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type Method,
  type OrganizationFixture,
  storeNames,
  text,
} from "./support/api.ts";
import {
  finalizedInvoiceOf,
  pastPeriodMs,
  publishOperatorPlans,
  subscribe,
  teamPlan,
  teamPlusPlan,
} from "./support/billing-world.ts";
import { seedGatewayCall } from "./support/gateway.ts";

/** Everything of organization B that A's keys try to reach. */
interface Other {
  readonly org: OrganizationFixture;
  readonly team: string;
  readonly grant: string;
  readonly hold: string;
  readonly member: string;
  readonly keyId: string;
  readonly eventId: string;
  readonly idempotencyKey: string;
  readonly quote: string;
  /** B's subscription to the operator's `team` plan, renewed once: its first invoice finalized. */
  readonly subscription: string;
  readonly invoice: string;
  readonly clock: string;
  /** B's recurring grant to its team pool. */
  readonly recurringGrant: string;
  /** B's webhook endpoint, a test event sent to it, and its delivery. */
  readonly webhookEndpoint: string;
  readonly event: string;
  readonly delivery: string;
  /** The decision record of a hold B was refused. */
  readonly decision: string;
  /** B's approval request: a hold above its team's gate. */
  readonly approval: string;
  /** B's alert rule on its team pool, and an alert raised on that pool. */
  readonly alertRule: string;
  readonly alert: string;
  /** B's upstream account. */
  readonly upstream: string;
  /** A call in B's gateway log. */
  readonly gatewayCall: string;
  /** B's routing policy on its team pool. */
  readonly routingPolicy: string;
}

/**
 * B's own plans: one only B has, one B has published twice, and one under the id of the
 * operator's plan, shadowing it in B.
 */
const betaPlan = { ...teamPlan, id: "beta-only", name: "Beta's own plan" };
const betaTwice = { ...teamPlan, id: "beta-twice", name: "Beta's plan, version 2" };
const betaShadow = { ...teamPlan, name: "Beta's team plan", credits_per_seat: "7" };

/** What the caller from A has: the pool its requests may use, and A's subscription. */
interface Caller {
  readonly pool: string;
  readonly subscription: string;
  /** A pool of A's with no subscription above or below it, which a new one may start on. */
  readonly unsubscribed: string;
}

type Expect =
  | { readonly notFound: readonly [code: string, param: string] }
  /** 2xx, and nothing of B in the answer. */
  | { readonly hidden: true }
  /** 200 with the usage event refused as `pool_not_found`. */
  | { readonly refusedEvent: true }
  /** 403: the caller may not use the route at all, whatever it names. */
  | { readonly denied: true }
  /** 409 with this code: refused for the caller's own organization's state, naming nothing of B. */
  | { readonly conflict: string };

interface Row {
  readonly operation: string;
  readonly what: string;
  readonly request: (b: Other, a: Caller) => readonly [string, unknown?];
  readonly expect: Expect;
  /** What a key bound to a pool gets, when it differs: routes it may never use answer 403. */
  readonly boundExpect?: Expect;
  readonly headers?: (b: Other) => Record<string, string>;
  /** For a 2xx: what the answer shows, by dotted path (what A sees, never B's). */
  readonly shows?: Record<string, unknown>;
  /** Known bugs, by the kind of caller that meets them. */
  readonly todo?: { readonly owner?: string; readonly bound?: string };
}

const notFound = (code: string, param: string): Expect => ({ notFound: [code, param] });
const hidden: Expect = { hidden: true };
const denied: Expect = { denied: true };

const rows: Row[] = [
  {
    operation: "GET /v1/rate-cards",
    what: "lists the rate cards that apply to it",
    request: () => ["GET /v1/rate-cards"],
    expect: hidden,
  },
  {
    operation: "POST /v1/rate-cards",
    what: "publishes a version of its own",
    request: () => [
      "POST /v1/rate-cards",
      { prices: [{ meter: "input_tokens", credits_per_unit: "0.002" }] },
    ],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "POST /v1/holds",
    what: "a hold sized by B's quote",
    request: (b, a) => ["POST /v1/holds", { pool: a.pool, quote: b.quote }],
    expect: notFound("quote_not_found", "quote"),
  },
  {
    operation: "GET /v1/organization",
    what: "reads its own organization",
    request: () => ["GET /v1/organization"],
    expect: hidden,
  },
  {
    operation: "POST /v1/pools",
    what: "a pool under B's pool",
    request: (b) => ["POST /v1/pools", { parent: b.team, name: "In B" }],
    expect: notFound("pool_not_found", "parent"),
  },
  {
    operation: "GET /v1/pools",
    what: "lists pools",
    request: () => ["GET /v1/pools?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/pools/{id}",
    what: "B's pool",
    request: (b) => [`GET /v1/pools/${b.team}`],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "GET /v1/pools/{id}",
    what: "B's root pool",
    request: (b) => [`GET /v1/pools/${b.org.rootPoolId}`],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "PATCH /v1/pools/{id}",
    what: "B's pool",
    request: (b) => [`PATCH /v1/pools/${b.team}`, { name: "Taken" }],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "POST /v1/pools/{id}/archive",
    what: "B's pool",
    request: (b) => [`POST /v1/pools/${b.team}/archive`],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "POST /v1/pools/{id}/boost",
    what: "B's pool",
    request: (b) => [
      `POST /v1/pools/${b.team}/boost`,
      { amount: "1", until: "2030-01-01T00:00:00Z" },
    ],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "DELETE /v1/pools/{id}/boost",
    what: "B's pool",
    request: (b) => [`DELETE /v1/pools/${b.team}/boost`],
    expect: notFound("pool_not_found", "id"),
  },
  {
    operation: "POST /v1/grants/{id}/reallocate",
    what: "B's grant, to the caller's pool",
    request: (b, a) => [`POST /v1/grants/${b.grant}/reallocate`, { pool: a.pool, amount: "1" }],
    expect: notFound("grant_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/grants/{id}/undo-reallocation",
    what: "B's grant",
    request: (b) => [`POST /v1/grants/${b.grant}/undo-reallocation`, {}],
    expect: notFound("grant_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/grants",
    what: "a grant to B's pool",
    request: (b) => ["POST /v1/grants", { pool: b.team, amount: "5", source: "purchase" }],
    expect: notFound("pool_not_found", "pool"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/grants",
    what: "lists grants",
    request: () => ["GET /v1/grants?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/grants",
    what: "B's pool as a filter",
    request: (b) => [`GET /v1/grants?pool=${b.team}`],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/grants/{id}",
    what: "B's grant",
    request: (b) => [`GET /v1/grants/${b.grant}`],
    expect: notFound("grant_not_found", "id"),
  },
  {
    operation: "POST /v1/grants/{id}/void",
    what: "B's grant",
    request: (b) => [`POST /v1/grants/${b.grant}/void`, {}],
    expect: notFound("grant_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "B's grant",
    request: (b) => [`POST /v1/grants/${b.grant}/expiry`, { expires_at: null }],
    expect: notFound("grant_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/recurring-grants",
    what: "a recurring grant to B's pool",
    request: (b) => [
      "POST /v1/recurring-grants",
      { pool: b.team, amount: "5", source: "promotion", interval: "month" },
    ],
    expect: notFound("pool_not_found", "pool"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/recurring-grants",
    what: "lists recurring grants",
    request: () => ["GET /v1/recurring-grants?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/recurring-grants/{id}",
    what: "B's recurring grant",
    request: (b) => [`GET /v1/recurring-grants/${b.recurringGrant}`],
    expect: notFound("recurring_grant_not_found", "id"),
  },
  {
    operation: "POST /v1/recurring-grants/{id}/cancel",
    what: "B's recurring grant",
    request: (b) => [`POST /v1/recurring-grants/${b.recurringGrant}/cancel`],
    expect: notFound("recurring_grant_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/holds",
    what: "a hold in B's pool",
    request: (b) => ["POST /v1/holds", { pool: b.team, amount: "1" }],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "POST /v1/holds",
    what: "B's Idempotency-Key, which is not a replay in A",
    request: (_, a) => ["POST /v1/holds", { pool: a.pool, amount: "1" }],
    headers: (b) => ({ "idempotency-key": b.idempotencyKey }),
    expect: hidden,
  },
  {
    operation: "GET /v1/holds/{id}",
    what: "B's hold",
    request: (b) => [`GET /v1/holds/${b.hold}`],
    expect: notFound("hold_not_found", "id"),
  },
  {
    operation: "POST /v1/holds/{id}/capture",
    what: "B's hold",
    request: (b) => [`POST /v1/holds/${b.hold}/capture`, { amount: "1" }],
    expect: notFound("hold_not_found", "id"),
  },
  {
    operation: "POST /v1/holds/{id}/release",
    what: "B's hold",
    request: (b) => [`POST /v1/holds/${b.hold}/release`, {}],
    expect: notFound("hold_not_found", "id"),
  },
  {
    operation: "POST /v1/usage",
    what: "usage in B's pool",
    request: (b) => ["POST /v1/usage", { events: [{ id: "evt-a", pool: b.team, amount: "1" }] }],
    expect: { refusedEvent: true },
  },
  {
    operation: "POST /v1/usage",
    what: "B's event id, which is not a duplicate in A",
    request: (b, a) => [
      "POST /v1/usage",
      { events: [{ id: b.eventId, pool: a.pool, amount: "1" }] },
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/transfers",
    what: "reads the journal",
    request: () => ["GET /v1/transfers?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/transfers",
    what: "B's pool as a filter",
    request: (b) => [`GET /v1/transfers?pool=${b.team}`],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/transfers",
    what: "B's grant as a filter",
    request: (b) => [`GET /v1/transfers?grant=${b.grant}`],
    expect: hidden,
  },
  {
    operation: "GET /v1/transfers",
    what: "B's hold as a filter",
    request: (b) => [`GET /v1/transfers?hold=${b.hold}`],
    expect: hidden,
  },
  {
    operation: "POST /v1/members",
    what: "a member in B's pool",
    request: (b) => ["POST /v1/members", { name: "Spy", pool: b.team }],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/members",
    what: "lists members",
    request: () => ["GET /v1/members?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/members/{id}",
    what: "B's member",
    request: (b) => [`GET /v1/members/${b.member}`],
    expect: notFound("member_not_found", "id"),
  },
  {
    operation: "POST /v1/keys",
    what: "a key for B's member",
    request: (b) => ["POST /v1/keys", { name: "Spy", role: "viewer", member: b.member }],
    expect: notFound("member_not_found", "member"),
  },
  {
    operation: "POST /v1/keys",
    what: "a key bound to B's pool",
    request: (b) => ["POST /v1/keys", { name: "Spy", role: "viewer", pool: b.team }],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/keys",
    what: "lists keys",
    request: () => ["GET /v1/keys?limit=100"],
    expect: hidden,
  },
  {
    operation: "DELETE /v1/keys/{id}",
    what: "B's key",
    request: (b) => [`DELETE /v1/keys/${b.keyId}`],
    expect: notFound("key_not_found", "id"),
  },
  {
    operation: "POST /v1/plans",
    what: "a plan of its own under an id B has published twice: its version 1",
    request: () => ["POST /v1/plans", { ...betaTwice, name: "Alpha's plan" }],
    expect: hidden,
    boundExpect: denied,
    shows: { scope: "organization", version: 1, name: "Alpha's plan" },
  },
  {
    operation: "GET /v1/plans",
    what: "lists the plans it may use",
    request: () => ["GET /v1/plans"],
    expect: hidden,
    boundExpect: denied,
  },
  // A plan not found is named as the request names it: `id` and `version` when it is read,
  // `plan` (and `plan_version`) when a subscription names it.
  {
    operation: "GET /v1/plans/{id}",
    what: "B's own plan",
    request: () => [`GET /v1/plans/${betaPlan.id}`],
    expect: notFound("plan_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/plans/{id}",
    what: "a version of B's own plan",
    request: () => [`GET /v1/plans/${betaPlan.id}?version=1`],
    expect: notFound("plan_not_found", "version"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/plans/{id}",
    what: "the operator's plan, which B shadows with its own",
    request: () => [`GET /v1/plans/${teamPlan.id}`],
    expect: hidden,
    boundExpect: denied,
    shows: { scope: "operator", name: teamPlan.name, credits_per_seat: "1000" },
  },
  {
    operation: "POST /v1/subscriptions",
    what: "a subscription to B's own plan",
    request: (_, a) => ["POST /v1/subscriptions", { plan: betaPlan.id, pool: a.pool }],
    expect: notFound("plan_not_found", "plan"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions",
    what: "a subscription for B's pool",
    request: (b) => ["POST /v1/subscriptions", { plan: teamPlan.id, pool: b.team }],
    expect: notFound("pool_not_found", "pool"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions",
    what: "the plan id B shadows: the operator's plan, not B's",
    request: (_, a) => [
      "POST /v1/subscriptions",
      { plan: teamPlan.id, seats: 1, pool: a.unsubscribed },
    ],
    expect: hidden,
    boundExpect: denied,
    shows: { plan: teamPlan.id, "current_period.included_credits": "1000" },
  },
  {
    operation: "GET /v1/subscriptions",
    what: "lists subscriptions",
    request: () => ["GET /v1/subscriptions?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/subscriptions/{id}",
    what: "B's subscription",
    request: (b) => [`GET /v1/subscriptions/${b.subscription}`],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/seats",
    what: "B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/seats`, { seats: 9 }],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/plan",
    what: "B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/plan`, { plan: teamPlusPlan.id }],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/plan",
    what: "its own subscription onto B's own plan",
    request: (_, a) => [`POST /v1/subscriptions/${a.subscription}/plan`, { plan: betaPlan.id }],
    expect: notFound("plan_not_found", "plan"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/top-ups",
    what: "credits through B's subscription",
    request: (b) => ["POST /v1/top-ups", { subscription: b.subscription, credits: "100" }],
    expect: notFound("subscription_not_found", "subscription"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/cancel",
    what: "B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/cancel`],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/auto-top-up",
    what: "B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/auto-top-up`, { auto_top_up: null }],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/assignments",
    what: "a seat of B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/assignments`, { member: b.member }],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/assignments",
    what: "a seat of its own subscription for B's member",
    request: (b, a) => [
      `POST /v1/subscriptions/${a.subscription}/assignments`,
      { member: b.member },
    ],
    expect: notFound("member_not_found", "member"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/subscriptions/{id}/assignments",
    what: "B's subscription",
    request: (b) => [`GET /v1/subscriptions/${b.subscription}/assignments`],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "DELETE /v1/subscriptions/{id}/assignments/{member}",
    what: "B's member's seat of B's subscription",
    request: (b) => [`DELETE /v1/subscriptions/${b.subscription}/assignments/${b.member}`],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/subscriptions/{id}/resume",
    what: "B's subscription",
    request: (b) => [`POST /v1/subscriptions/${b.subscription}/resume`],
    expect: notFound("subscription_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/invoices",
    what: "lists invoices",
    request: () => ["GET /v1/invoices?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/invoices",
    what: "B's subscription as a filter",
    request: (b) => [`GET /v1/invoices?subscription=${b.subscription}`],
    expect: hidden,
    boundExpect: denied,
    shows: { data: [] },
  },
  {
    operation: "GET /v1/invoices/{id}",
    what: "B's invoice",
    request: (b) => [`GET /v1/invoices/${b.invoice}`],
    expect: notFound("invoice_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/invoices/{id}/html",
    what: "B's invoice as a page",
    request: (b) => [`GET /v1/invoices/${b.invoice}/html`],
    expect: notFound("invoice_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/invoices/{id}/pay",
    what: "B's finalized invoice",
    request: (b) => [`POST /v1/invoices/${b.invoice}/pay`],
    expect: notFound("invoice_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/invoices/{id}/void",
    what: "B's finalized invoice",
    request: (b) => [`POST /v1/invoices/${b.invoice}/void`],
    expect: notFound("invoice_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/test-clocks",
    what: "lists its own clock, never B's",
    request: () => ["GET /v1/test-clocks"],
    expect: hidden,
  },
  {
    operation: "GET /v1/test-clocks/{id}",
    what: "B's clock",
    request: (b) => [`GET /v1/test-clocks/${b.clock}`],
    expect: notFound("test_clock_not_found", "id"),
  },
  {
    operation: "POST /v1/test-clocks",
    what: "a clock for its own organization, which has a ledger",
    request: () => ["POST /v1/test-clocks"],
    expect: { conflict: "test_clock_unavailable" },
    boundExpect: denied,
  },
  {
    operation: "POST /v1/test-clocks/{id}/advance",
    what: "B's clock",
    request: (b) => [`POST /v1/test-clocks/${b.clock}/advance`, { to: "2199-01-01T00:00:00Z" }],
    expect: notFound("test_clock_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/reports/revenue",
    what: "revenue over all time: only A's pools",
    request: () => ["GET /v1/reports/revenue?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/reports/usage",
    what: "usage by member over all time: only A's pools",
    request: () => [
      "GET /v1/reports/usage?from=2000-01-01T00:00:00Z&to=2080-01-01T00:00:00Z&interval=month&group_by=member&limit=100",
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/usage",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/usage?from=2000-01-01T00:00:00Z&to=2080-01-01T00:00:00Z&interval=month&group_by=member&limit=100&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/top-consumers",
    what: "top consumers by pool over all time: only A's pools",
    request: () => [
      "GET /v1/reports/top-consumers?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&by=pool&limit=100",
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/top-consumers",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/top-consumers?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&by=pool&limit=100&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/chargeback",
    what: "chargeback over all time: only A's pools",
    request: () => ["GET /v1/reports/chargeback?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z"],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/chargeback",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/chargeback?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/margin",
    what: "margin by pool over all time: only A's pools",
    request: () => [
      "GET /v1/reports/margin?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&group_by=pool",
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/margin",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/margin?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/forecast",
    what: "the forecast of its own pools: only A's pools",
    request: () => ["GET /v1/reports/forecast?window=90"],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/forecast",
    what: "B's pool",
    request: (b) => [`GET /v1/reports/forecast?window=90&pool=${b.team}`],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/buyers-math",
    what: "buyer's math over all time: only A's members",
    request: () => [
      "GET /v1/reports/buyers-math?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z",
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/buyers-math",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/buyers-math?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/reports/pooling",
    what: "a pooling replay over a quarter: only A's members",
    request: () => [
      "GET /v1/reports/pooling?from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z&members=1000",
    ],
    expect: hidden,
  },
  {
    operation: "GET /v1/reports/pooling",
    what: "B's pool",
    request: (b) => [
      `GET /v1/reports/pooling?from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z&members=1000&pool=${b.team}`,
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/decisions",
    what: "lists decisions: only A's",
    request: () => ["GET /v1/decisions?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/decisions/{id}",
    what: "B's decision record",
    request: (b) => [`GET /v1/decisions/${b.decision}`],
    expect: notFound("decision_not_found", "id"),
  },
  {
    operation: "GET /v1/gateway-calls",
    what: "lists gateway calls: only A's",
    request: () => ["GET /v1/gateway-calls?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/gateway-calls/{id}",
    what: "B's gateway call",
    request: (b) => [`GET /v1/gateway-calls/${b.gatewayCall}`],
    expect: notFound("gateway_call_not_found", "id"),
  },
  {
    operation: "GET /v1/approvals",
    what: "lists approval requests: only A's",
    request: () => ["GET /v1/approvals?limit=100"],
    expect: hidden,
  },
  ...(["GET", "POST approve", "POST deny"] as const).map(
    (call): Row => ({
      operation:
        call === "GET" ? "GET /v1/approvals/{id}" : `POST /v1/approvals/{id}/${call.slice(5)}`,
      what: "B's approval request",
      request: (b) =>
        call === "GET"
          ? [`GET /v1/approvals/${b.approval}`]
          : [`POST /v1/approvals/${b.approval}/${call.slice(5)}`, {}],
      expect: notFound("approval_not_found", "id"),
      ...(call === "GET" ? {} : { boundExpect: notFound("approval_not_found", "id") }),
    }),
  ),
  {
    operation: "GET /v1/audit-records",
    what: "lists audit records: only A's",
    request: () => ["GET /v1/audit-records?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/audit-records/export",
    what: "exports audit records: only A's",
    request: () => [
      "GET /v1/audit-records/export?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
    ],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/events",
    what: "lists events",
    request: () => ["GET /v1/events?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "GET /v1/events/{id}",
    what: "B's event",
    request: (b) => [`GET /v1/events/${b.event}`],
    expect: notFound("event_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/events/{id}/replay",
    what: "B's event",
    request: (b) => [`POST /v1/events/${b.event}/replay`],
    expect: notFound("event_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "GET /v1/webhook-endpoints",
    what: "lists webhook endpoints",
    request: () => ["GET /v1/webhook-endpoints?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "POST /v1/webhook-endpoints",
    what: "an endpoint of A's own, never listed in B",
    request: () => ["POST /v1/webhook-endpoints", { url: "https://example.com/a" }],
    expect: hidden,
    boundExpect: denied,
  },
  ...(
    [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["POST", "/rotate-secret"],
      ["POST", "/test"],
      ["GET", "/deliveries"],
    ] as const
  ).map(
    ([method, suffix]): Row => ({
      operation: `${method} /v1/webhook-endpoints/{id}${suffix}`,
      what: "B's webhook endpoint",
      request: (b) => {
        const path = `${method} /v1/webhook-endpoints/${b.webhookEndpoint}${suffix}`;
        return method === "PATCH" ? [path, { enabled: false }] : [path];
      },
      expect: notFound("webhook_endpoint_not_found", "id"),
      boundExpect: denied,
    }),
  ),
  {
    operation: "GET /v1/upstreams",
    what: "lists upstream accounts",
    request: () => ["GET /v1/upstreams?limit=100"],
    expect: hidden,
    boundExpect: denied,
  },
  {
    operation: "POST /v1/upstreams",
    what: "an upstream account of A's own, never listed in B",
    request: () => [
      "POST /v1/upstreams",
      { provider: "openai", name: "a", api_key: "sk-a-12345678" },
    ],
    expect: hidden,
    boundExpect: denied,
  },
  ...(["GET", "PATCH", "DELETE"] as const).map(
    (method): Row => ({
      operation: `${method} /v1/upstreams/{id}`,
      what: "B's upstream account",
      request: (b) => {
        const path = `${method} /v1/upstreams/${b.upstream}`;
        return method === "PATCH" ? [path, { enabled: false }] : [path];
      },
      expect: notFound("upstream_not_found", "id"),
      boundExpect: denied,
    }),
  ),
  {
    operation: "POST /v1/webhook-deliveries/{id}/retry",
    what: "B's delivery",
    request: (b) => [`POST /v1/webhook-deliveries/${b.delivery}/retry`],
    expect: notFound("webhook_delivery_not_found", "id"),
    boundExpect: denied,
  },
  {
    operation: "POST /v1/alert-rules",
    what: "a rule on B's pool",
    request: (b) => ["POST /v1/alert-rules", { pool: b.team, metric: "forecast" }],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/alert-rules",
    what: "lists alert rules: only A's",
    request: () => ["GET /v1/alert-rules?limit=100"],
    expect: hidden,
  },
  ...(
    [
      ["GET", undefined],
      ["PATCH", { enabled: false }],
      ["DELETE", undefined],
    ] as const
  ).map(
    ([method, body]): Row => ({
      operation: `${method} /v1/alert-rules/{id}`,
      what: "B's alert rule",
      request: (b) => [`${method} /v1/alert-rules/${b.alertRule}`, body],
      expect: notFound("alert_rule_not_found", "id"),
    }),
  ),
  {
    operation: "POST /v1/routing-policies",
    what: "a policy on B's pool",
    request: (b) => [
      "POST /v1/routing-policies",
      { pool: b.team, tiers: { light: ["gpt-5-nano"], standard: ["gpt-5"], heavy: ["gpt-5"] } },
    ],
    expect: notFound("pool_not_found", "pool"),
  },
  {
    operation: "GET /v1/routing-policies",
    what: "lists routing policies: only A's",
    request: () => ["GET /v1/routing-policies?limit=100"],
    expect: hidden,
  },
  ...(
    [
      ["GET", undefined],
      ["PATCH", { route_all: true }],
      ["DELETE", undefined],
    ] as const
  ).map(
    ([method, body]): Row => ({
      operation: `${method} /v1/routing-policies/{id}`,
      what: "B's routing policy",
      request: (b) => [`${method} /v1/routing-policies/${b.routingPolicy}`, body],
      expect: notFound("routing_policy_not_found", "id"),
    }),
  ),
  {
    operation: "GET /v1/alerts",
    what: "lists alerts: only A's",
    request: () => ["GET /v1/alerts?limit=100"],
    expect: hidden,
  },
  {
    operation: "GET /v1/alerts",
    what: "B's pool as the filter",
    request: (b) => [`GET /v1/alerts?pool=${b.team}`],
    expect: notFound("pool_not_found", "pool"),
  },
  ...(["", "/acknowledge", "/resolve"] as const).map(
    (suffix): Row => ({
      operation: `${suffix === "" ? "GET" : "POST"} /v1/alerts/{id}${suffix}`,
      what: "B's alert",
      request: (b) => [`${suffix === "" ? "GET" : "POST"} /v1/alerts/${b.alert}${suffix}`],
      expect: notFound("alert_not_found", "id"),
    }),
  ),
];

/** Operations no organization's key acts on, with the reason. */
const unscoped: Record<string, string> = {
  "POST /v1/organizations": "only the operator key creates organizations (403 for any other)",
  "POST /v1/quotes":
    "prices with the organization's own rate cards (or the operator's default), never another's; B's quotes are refused by POST /v1/holds",
};

/** B's webhook endpoint, with a test event sent to it and that event's delivery. */
async function webhookOf(api: ApiHarness, key: string) {
  const made = await api.ok("POST", "/v1/webhook-endpoints", {
    key,
    body: { url: "https://example.com/b" },
  });
  const webhookEndpoint = text(made, "id");
  const event = await api.ok("POST", `/v1/webhook-endpoints/${webhookEndpoint}/test`, { key });
  const log = await api.ok("GET", `/v1/webhook-endpoints/${webhookEndpoint}/deliveries`, { key });
  return { webhookEndpoint, event: text(event, "id"), delivery: text(log, "data.0.id") };
}

async function otherOrganization(api: ApiHarness): Promise<Other> {
  const org = await api.newOrganization("Beta");
  const key = org.ownerKey;
  const clock = text(await api.ok("POST", "/v1/test-clocks", { key }), "id");
  await api.grant(org, org.rootPoolId, "100");
  const team = await api.pool(org, org.rootPoolId);
  const grant = await api.grant(org, team, "10");
  const recurring = await api.ok("POST", "/v1/recurring-grants", {
    key,
    body: { pool: team, amount: "2", source: "promotion", interval: "month" },
  });
  const idempotencyKey = "beta-hold";
  const made = await api.ok("POST", "/v1/holds", {
    key,
    body: { pool: team, amount: "3" },
    headers: { "idempotency-key": idempotencyKey },
  });
  const refused = await api.ok("POST", "/v1/holds", {
    key,
    body: { pool: team, amount: "1000000" },
  });
  await api.ok("PATCH", `/v1/pools/${team}`, { key, body: { approval_above: "50" } });
  const gated = await api.ok("POST", "/v1/holds", { key, body: { pool: team, amount: "60" } });
  const eventId = "evt-beta";
  await api.ok("POST", "/v1/usage", {
    key,
    body: { events: [{ id: eventId, pool: team, amount: "1" }] },
  });
  const member = await api.ok("POST", "/v1/members", { key, body: { name: "Bea", pool: team } });
  const agent = await api.ok("POST", "/v1/keys", { key, body: { name: "b", role: "agent" } });
  const prices = [{ meter: "searches", credits_per_unit: "0.5" }];
  await api.ok("POST", "/v1/rate-cards", { key, body: { prices } });
  const quoted = await api.ok("POST", "/v1/quotes", {
    key,
    body: { usage: { quantities: { searches: 2 } } },
  });
  await api.ok("POST", "/v1/plans", { key, body: betaPlan });
  await api.ok("POST", "/v1/plans", { key, body: betaShadow });
  for (const name of ["Beta's plan, version 1", betaTwice.name]) {
    await api.ok("POST", "/v1/plans", { key, body: { ...betaTwice, name } });
  }
  const started = await api.ok("POST", "/v1/subscriptions", {
    key,
    body: { plan: betaPlan.id, seats: 2, pool: team },
  });
  const subscription = text(started, "id");
  api.clock.advance(pastPeriodMs);
  const invoice = await finalizedInvoiceOf(api, org, subscription);
  return {
    subscription,
    invoice,
    clock,
    recurringGrant: text(recurring, "id"),
    ...(await webhookOf(api, key)),
    quote: text(quoted, "id"),
    org,
    team,
    grant,
    hold: text(made, "hold.id"),
    member: text(member, "id"),
    keyId: text(agent, "id"),
    eventId,
    idempotencyKey,
    decision: text(refused, "decision_id"),
    approval: text(gated, "decision_id"),
    gatewayCall: await seedGatewayCall(api, org.organizationId, team),
    ...(await alertsOf(api, org, team)),
    upstream: text(
      await api.ok("POST", "/v1/upstreams", {
        key,
        body: { provider: "anthropic", name: "b", api_key: "sk-b-12345678" },
      }),
      "id",
    ),
  };
}

/** B's forecast rule on its team pool, and an open alert on that pool. */
async function alertsOf(api: ApiHarness, org: OrganizationFixture, team: string) {
  const rule = await api.ok("POST", "/v1/alert-rules", {
    key: org.ownerKey,
    body: { pool: team, metric: "forecast" },
  });
  const policy = await api.ok("POST", "/v1/routing-policies", {
    key: org.ownerKey,
    body: { pool: team, tiers: { light: ["gpt-5-nano"], standard: ["gpt-5"], heavy: ["gpt-5"] } },
  });
  return {
    alertRule: text(rule, "id"),
    alert: await raisedAlert(api, org, team),
    routingPolicy: text(policy, "id"),
  };
}

/** Every id of B an answer could leak: objects, keys and transfers. */
async function idsOf(api: ApiHarness, b: Other): Promise<string[]> {
  const keys = at(await api.ok("GET", "/v1/keys", { key: b.org.ownerKey }), "data");
  assert.ok(Array.isArray(keys));
  const journal = await api.journal(b.org.organizationId);
  const invoices = await api.store.listInvoices(b.org.organizationId, { limit: 1_000 });
  return [
    betaPlan.name,
    betaTwice.name,
    betaShadow.name,
    b.subscription,
    b.clock,
    b.recurringGrant,
    b.alertRule,
    b.alert,
    b.routingPolicy,
    ...invoices.map((invoice) => invoice.id),
    b.org.organizationId,
    b.org.rootPoolId,
    b.team,
    b.grant,
    b.hold,
    b.member,
    ...keys.map((row: unknown) => text(row, "id")),
    ...journal.map((transfer) => transfer.id),
  ];
}

function check(row: Row, answer: Answer, expect: Expect, leaks: readonly string[]): void {
  const body = JSON.stringify(answer.body);
  if ("notFound" in expect) {
    expectError(answer, 404, ...expect.notFound);
  } else if ("denied" in expect) {
    expectError(answer, 403, "permission_denied");
  } else if ("conflict" in expect) {
    expectError(answer, 409, expect.conflict);
  } else if ("refusedEvent" in expect) {
    assert.equal(answer.status, 200, body);
    assert.deepEqual(
      ["status", "code"].map((field) => at(answer.body, `data.0.${field}`)),
      ["refused", "pool_not_found"],
    );
  } else {
    assert.ok(answer.status >= 200 && answer.status < 300, body);
    assert.equal(answer.headers.get("idempotent-replayed"), null);
    const status = at(answer.body, "data.0.status");
    assert.ok(status !== "duplicate" && status !== "refused", body);
    for (const [path, shown] of Object.entries(row.shows ?? {})) {
      assert.deepEqual(at(answer.body, path), shown, `${path} in ${body}`);
    }
  }
  for (const id of leaks) assert.ok(!body.includes(id), `${id} leaked: ${body}`);
}

describe("every operation has a row in the tenancy table", () => {
  it("the rows and the unscoped operations are the operations of /openapi.json", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    const covered = new Set([...rows.map((row) => row.operation), ...Object.keys(unscoped)]);
    assert.deepEqual([...covered].sort(), await api.operations());
  });
});

for (const store of storeNames) {
  for (const caller of ["owner", "bound"] as const) {
    const who = caller === "owner" ? "A's owner key" : "A's admin key bound to a pool";
    describe(`${who} never reaches organization B (${store})`, () => {
      let api: ApiHarness;
      let a: OrganizationFixture;
      let b: Other;
      let key = "";
      let pool = "";
      let subscription = "";
      let unsubscribed = "";
      let leaks: string[] = [];
      before(async () => {
        api = await apiHarness({ store });
        a = await api.newOrganization("Alpha");
        await api.grant(a, a.rootPoolId, "100");
        await publishOperatorPlans(api);
        subscription = (await subscribe(api, a)).subscription;
        b = await otherOrganization(api);
        leaks = await idsOf(api, b);
        pool = caller === "owner" ? a.rootPoolId : await api.pool(a, a.rootPoolId);
        key = caller === "owner" ? a.ownerKey : await api.keyFor(a, "admin", { pool });
        unsubscribed = await api.pool(a, a.rootPoolId);
      });
      after(() => api.close());

      for (const row of rows) {
        const expect = caller === "bound" ? (row.boundExpect ?? row.expect) : row.expect;
        const outcome =
          "notFound" in expect
            ? `404 ${expect.notFound[0]}`
            : "hidden" in expect
              ? "nothing of B"
              : "denied" in expect
                ? "403 whatever it names"
                : "conflict" in expect
                  ? `409 ${expect.conflict}`
                  : "the event refused";
        const todo = row.todo?.[caller];
        it(`${row.operation}, ${row.what}: ${outcome}, B unchanged`, { todo }, async () => {
          const before = await api.snapshot(b.org);
          const [spec, body] = row.request(b, { pool, subscription, unsubscribed });
          const [method = "", path = ""] = spec.split(" ");
          const headers = row.headers?.(b) ?? {};
          const answer = await api.call(method as Method, path, { key, body, headers });
          check(row, answer, expect, leaks);
          assert.equal(await api.snapshot(b.org), before);
        });
      }
    });
  }
}
