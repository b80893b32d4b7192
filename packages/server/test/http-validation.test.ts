/**
 * Bad input on every route that takes a body, a query or an id: each case is a valid request with
 * one thing wrong, answers 4xx with `error.param` naming the field, and writes nothing (the
 * journal, balances, grants, members and keys read the same afterwards). The controls show that
 * each valid request, unchanged, succeeds; the first test checks that every operation taking
 * input has cases.
 */

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { limits } from "@creditpool/core";
import { defaultScope } from "../src/store/pricing.ts";
import { raisedAlert } from "./support/alerts.ts";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type Method,
  type OrganizationFixture,
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
import { start } from "./support/ledger.ts";

interface Fixture {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  readonly team: string;
  readonly grant: string;
  readonly hold: string;
  readonly member: string;
  readonly keyId: string;
  /** A pool without a subscription, which a new one may start on. */
  readonly unsubscribed: string;
  /** An active subscription, a canceled one (to its period's end), and a finalized invoice. */
  readonly subscription: string;
  readonly canceled: string;
  readonly invoice: string;
  readonly clock: string;
  /** A recurring grant to the team pool. */
  readonly recurringGrant: string;
  /** A pool with nothing in it, which may be archived. */
  readonly empty: string;
  /** A pool with a hard limit, which a boost raises; a pool grants are reallocated to. */
  readonly limited: string;
  /** A grant made by reallocating 1 of `grant` to `limited`, within its undo window. */
  readonly reallocated: string;
  /** A refused hold's decision, and a pending approval request at a pool gated for it. */
  readonly decision: string;
  readonly approval: string;
  /** A webhook endpoint, its test event and that event's delivery. */
  readonly endpoint: string;
  readonly event: string;
  readonly delivery: string;
  /** An open alert on the team pool, and the rule that raised it. */
  readonly alert: string;
  readonly alertRule: string;
  /** An upstream account. */
  readonly upstream: string;
  /** A call in the gateway's log. */
  readonly gatewayCall: string;
  /** A routing policy on the root pool. */
  readonly routingPolicy: string;
}

/** What governance, webhooks and alerts keep: one of each object their routes name. */
async function governance(api: ApiHarness, org: OrganizationFixture, team: string) {
  const key = org.ownerKey;
  const hold = (pool: string, amount: string) =>
    api.ok("POST", "/v1/holds", { key, body: { pool, amount } });
  const gated = await api.pool(org, org.rootPoolId, { approval_above: "1" });
  const body = { url: "https://example.com/hooks" };
  const endpoint = text(await api.ok("POST", "/v1/webhook-endpoints", { key, body }), "id");
  const path = `/v1/webhook-endpoints/${endpoint}`;
  const event = text(await api.ok("POST", `${path}/test`, { key }), "id");
  const alert = await raisedAlert(api, org, team);
  return {
    decision: text(await hold(team, "1000000"), "decision_id"),
    gatewayCall: await seedGatewayCall(api, org.organizationId, team),
    approval: text(await hold(gated, "2"), "decision_id"),
    endpoint,
    event,
    delivery: text(await api.ok("GET", `${path}/deliveries`, { key }), "data.0.id"),
    alert,
    alertRule: text(await api.ok("GET", `/v1/alerts/${alert}`, { key }), "rule"),
    upstream: text(
      await api.ok("POST", "/v1/upstreams", {
        key,
        body: { provider: "openai", name: "seat", api_key: "sk-test-0123456789" },
      }),
      "id",
    ),
    routingPolicy: text(
      await api.ok("POST", "/v1/routing-policies", {
        key,
        body: { pool: org.rootPoolId, tiers: routingTiers },
      }),
      "id",
    ),
  };
}

const routingTiers = { light: ["gpt-5-nano"], standard: ["gpt-5-mini"], heavy: ["gpt-5"] };

/**
 * An organization with a team pool, a grant, a hold still held, a member and a second key; and,
 * on pools of their own, subscriptions to the operator's `team` plan. The organization is made a
 * month early so that one subscription's first period has ended, and its invoice is finalized,
 * before the rest is made at the usual time.
 */
async function fixture(api: ApiHarness): Promise<Fixture> {
  api.clock.advance(-pastPeriodMs);
  const org = await api.newOrganization("Acme");
  const clock = text(await api.ok("POST", "/v1/test-clocks", { key: org.ownerKey }), "id");
  await publishOperatorPlans(api);
  const euro = { ...teamPlusPlan, id: "team-euro", currency: "EUR" };
  await api.ok("POST", "/v1/plans", { key: org.ownerKey, body: euro });
  const billed = await subscribe(api, org);
  api.clock.advance(pastPeriodMs);
  const invoice = await finalizedInvoiceOf(api, org, billed.subscription);
  const { subscription } = await subscribe(api, org);
  const { subscription: canceled } = await subscribe(api, org, { canceled: true });
  await api.grant(org, org.rootPoolId, "100");
  const team = await api.pool(org, org.rootPoolId);
  const grant = await api.grant(org, team, "10");
  const hold = await api.hold(org, team, "5");
  const key = org.ownerKey;
  const member = text(await api.ok("POST", "/v1/members", { key, body: { name: "Ann" } }), "id");
  // Ann holds the subscription's one seat: assigning her again and unassigning her both succeed.
  await api.ok("POST", `/v1/subscriptions/${subscription}/assignments`, { key, body: { member } });
  const agent = await api.ok("POST", "/v1/keys", { key, body: { name: "a", role: "agent" } });
  const prices = [
    { meter: "input_tokens", dimensions: { model: "m" }, credits_per_unit: "0.00025" },
  ];
  await api.ok("POST", "/v1/rate-cards", { key, body: { prices } });
  const recurring = await api.ok("POST", "/v1/recurring-grants", {
    key,
    body: { pool: team, amount: "1", source: "promotion", interval: "month" },
  });
  const limit = { amount: "50", kind: "hard", period: "month" };
  const limited = await api.pool(org, org.rootPoolId, { limit });
  const reallocated = await api.ok("POST", `/v1/grants/${grant}/reallocate`, {
    key,
    body: { pool: limited, amount: "1" },
  });
  return {
    ...(await governance(api, org, team)),
    empty: await api.pool(org, org.rootPoolId),
    limited,
    reallocated: text(reallocated, "id"),
    recurringGrant: text(recurring, "id"),
    api,
    org,
    clock,
    team,
    grant,
    hold,
    member,
    keyId: text(agent, "id"),
    unsubscribed: await api.pool(org, org.rootPoolId),
    subscription,
    canceled,
    invoice,
  };
}

/** A request: "METHOD /path", a JSON body or a raw one, headers, and whose key sends it. */
interface Sent {
  readonly spec: string;
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  readonly operator?: boolean;
}

/** The valid request of each operation; a case changes one thing in it. */
const reportSpan = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

const valid = {
  "POST /v1/organizations": (): Sent => ({
    spec: "POST /v1/organizations",
    body: { name: "New" },
    operator: true,
  }),
  "POST /v1/pools": (f: Fixture): Sent => ({
    spec: "POST /v1/pools",
    body: {
      parent: f.team,
      name: "Sub",
      draws_from_parent: true,
      limit: { amount: "10", kind: "hard", period: "month" },
      overage_limit: { amount: "1", period: "day" },
    },
  }),
  "GET /v1/pools": (): Sent => ({ spec: "GET /v1/pools?limit=10" }),
  "GET /v1/pools/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/pools/${f.team}` }),
  "POST /v1/pools/{id}/archive": (f: Fixture): Sent => ({
    spec: `POST /v1/pools/${f.empty}/archive`,
  }),
  "POST /v1/pools/{id}/boost": (f: Fixture): Sent => ({
    spec: `POST /v1/pools/${f.limited}/boost`,
    body: { amount: "10", until: "2026-11-03T09:00:00Z" },
  }),
  "DELETE /v1/pools/{id}/boost": (f: Fixture): Sent => ({
    spec: `DELETE /v1/pools/${f.limited}/boost`,
  }),
  "PATCH /v1/pools/{id}": (f: Fixture): Sent => ({
    spec: `PATCH /v1/pools/${f.team}`,
    body: {
      name: "Team",
      limit: { amount: "50", kind: "soft", period: "week" },
      overage_limit: null,
    },
  }),
  "POST /v1/grants": (f: Fixture): Sent => ({
    spec: "POST /v1/grants",
    body: {
      pool: f.team,
      amount: "1.5",
      source: "promotion",
      priority: 5,
      effective_at: "2026-11-02T09:00:00Z",
      expires_at: "2026-12-02T09:00:00Z",
      cost_basis: "0.002",
    },
  }),
  "GET /v1/grants": (f: Fixture): Sent => ({ spec: `GET /v1/grants?pool=${f.team}&limit=5` }),
  "POST /v1/recurring-grants": (f: Fixture): Sent => ({
    spec: "POST /v1/recurring-grants",
    body: {
      pool: f.team,
      amount: "500",
      source: "promotion",
      priority: 5,
      cost_basis: "0.002",
      interval: "month",
      anchor_at: "2026-11-01T00:00:00Z",
      time_zone: "Europe/Paris",
      expiry: "period_end",
      rollover: { cap: "100", lifetime_days: 30 },
      periods: 12,
      ends_at: "2027-11-01T00:00:00Z",
    },
  }),
  "GET /v1/recurring-grants": (): Sent => ({ spec: "GET /v1/recurring-grants?limit=5" }),
  "GET /v1/recurring-grants/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/recurring-grants/${f.recurringGrant}`,
  }),
  "POST /v1/recurring-grants/{id}/cancel": (f: Fixture): Sent => ({
    spec: `POST /v1/recurring-grants/${f.recurringGrant}/cancel`,
  }),
  "GET /v1/grants/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/grants/${f.grant}` }),
  "POST /v1/grants/{id}/void": (f: Fixture): Sent => ({
    spec: `POST /v1/grants/${f.grant}/void`,
    body: {},
  }),
  "POST /v1/grants/{id}/expiry": (f: Fixture): Sent => ({
    spec: `POST /v1/grants/${f.grant}/expiry`,
    body: { expires_at: "2026-12-02T09:00:00Z" },
  }),
  "POST /v1/grants/{id}/reallocate": (f: Fixture): Sent => ({
    spec: `POST /v1/grants/${f.grant}/reallocate`,
    body: { pool: f.limited, amount: "1" },
  }),
  "POST /v1/grants/{id}/undo-reallocation": (f: Fixture): Sent => ({
    spec: `POST /v1/grants/${f.reallocated}/undo-reallocation`,
    body: {},
  }),
  "POST /v1/holds": (f: Fixture): Sent => ({
    spec: "POST /v1/holds",
    body: { pool: f.team, amount: "1", ttl_seconds: 60, tags: { use_case: "validation" } },
  }),
  "GET /v1/holds/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/holds/${f.hold}` }),
  "POST /v1/holds/{id}/capture": (f: Fixture): Sent => ({
    spec: `POST /v1/holds/${f.hold}/capture`,
    body: { amount: "2" },
  }),
  "POST /v1/holds/{id}/release": (f: Fixture): Sent => ({
    spec: `POST /v1/holds/${f.hold}/release`,
    body: {},
  }),
  "POST /v1/usage": (f: Fixture): Sent => ({
    spec: "POST /v1/usage",
    body: {
      events: [
        {
          id: "evt-1",
          pool: f.team,
          amount: "0.5",
          time: "2026-11-02T08:59:00Z",
          tags: { use_case: "validation" },
        },
      ],
    },
  }),
  "GET /v1/transfers": (f: Fixture): Sent => ({
    spec: `GET /v1/transfers?limit=5&starting_after=0&pool=${f.team}&grant=${f.grant}&hold=${f.hold}`,
  }),
  "POST /v1/members": (f: Fixture): Sent => ({
    spec: "POST /v1/members",
    body: { name: "Bob", kind: "agent", role: "viewer", pool: f.team, email: "bob@example.com" },
  }),
  "GET /v1/members": (): Sent => ({ spec: "GET /v1/members?limit=5" }),
  "GET /v1/members/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/members/${f.member}` }),
  "POST /v1/keys": (f: Fixture): Sent => ({
    spec: "POST /v1/keys",
    body: { name: "ci", role: "viewer", pool: f.team, member: f.member },
  }),
  "GET /v1/keys": (): Sent => ({ spec: "GET /v1/keys?limit=5" }),
  "POST /v1/rate-cards": (): Sent => ({
    spec: "POST /v1/rate-cards",
    body: {
      minimum_charge: "0.001",
      cost_currency: "USD",
      prices: [
        {
          meter: "input_tokens",
          dimensions: { model: "m" },
          credits_per_unit: "0.00025",
          cost_per_unit: "0.0000025",
        },
        {
          meter: "searches",
          tiers: [
            { up_to: 100, credits_per_unit: "0.5", cost_per_unit: "0.004" },
            { up_to: null, credits_per_unit: "0.25", cost_per_unit: "0.002" },
          ],
        },
      ],
    },
  }),
  "POST /v1/quotes": (): Sent => ({
    spec: "POST /v1/quotes",
    body: { usage: { quantities: { input_tokens: 1000 }, dimensions: { model: "m" } } },
  }),
  "DELETE /v1/keys/{id}": (f: Fixture): Sent => ({ spec: `DELETE /v1/keys/${f.keyId}` }),
  "POST /v1/plans": (): Sent => ({
    spec: "POST /v1/plans",
    body: {
      id: "team-plus",
      name: "Team plus",
      currency: "EUR",
      interval: "year",
      base_price: "120000",
      seat_price: 30000,
      credits_per_seat: "1000",
      credits_per_organization: 500,
      overage_price: "0.4",
      rollover: { cap: { percent: 25 }, lifetime_days: 30 },
      seat_removal: "claw_back",
      top_ups: [{ id: "boost", credits: "100", price: 1000 }],
      top_up_price: "0.25",
      commitment: { minimum: "500000", discount_percent: 10 },
    },
  }),
  "GET /v1/plans/{id}": (): Sent => ({ spec: `GET /v1/plans/${teamPlan.id}?version=1` }),
  "POST /v1/subscriptions": (f: Fixture): Sent => ({
    spec: "POST /v1/subscriptions",
    body: {
      plan: teamPlan.id,
      plan_version: 1,
      seats: 3,
      pool: f.unsubscribed,
      anchor_at: "2026-11-01T00:00:00Z",
      time_zone: "Europe/Paris",
      seat_access: "assigned",
    },
  }),
  "GET /v1/subscriptions": (): Sent => ({ spec: "GET /v1/subscriptions?limit=5" }),
  "GET /v1/subscriptions/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/subscriptions/${f.subscription}`,
  }),
  "POST /v1/subscriptions/{id}/seats": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.subscription}/seats`,
    body: { seats: 4 },
  }),
  "POST /v1/subscriptions/{id}/assignments": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.subscription}/assignments`,
    body: { member: f.member },
  }),
  "GET /v1/subscriptions/{id}/assignments": (f: Fixture): Sent => ({
    spec: `GET /v1/subscriptions/${f.subscription}/assignments?limit=5`,
  }),
  "DELETE /v1/subscriptions/{id}/assignments/{member}": (f: Fixture): Sent => ({
    spec: `DELETE /v1/subscriptions/${f.subscription}/assignments/${f.member}`,
  }),
  "POST /v1/subscriptions/{id}/plan": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.subscription}/plan`,
    body: { plan: teamPlusPlan.id, plan_version: 1 },
  }),
  "POST /v1/top-ups": (f: Fixture): Sent => ({
    spec: "POST /v1/top-ups",
    body: { subscription: f.subscription, pack: teamPlan.top_ups[0].id },
  }),
  "POST /v1/subscriptions/{id}/auto-top-up": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.subscription}/auto-top-up`,
    body: {
      auto_top_up: { threshold: "10", pack: teamPlan.top_ups[0].id, max_per_period: 2 },
    },
  }),
  "POST /v1/subscriptions/{id}/cancel": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.subscription}/cancel`,
  }),
  "POST /v1/subscriptions/{id}/resume": (f: Fixture): Sent => ({
    spec: `POST /v1/subscriptions/${f.canceled}/resume`,
  }),
  "GET /v1/invoices": (f: Fixture): Sent => ({
    spec: `GET /v1/invoices?limit=5&subscription=${f.subscription}`,
  }),
  "GET /v1/invoices/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/invoices/${f.invoice}` }),
  "GET /v1/invoices/{id}/html": (f: Fixture): Sent => ({
    spec: `GET /v1/invoices/${f.invoice}/html`,
  }),
  "POST /v1/invoices/{id}/pay": (f: Fixture): Sent => ({
    spec: `POST /v1/invoices/${f.invoice}/pay`,
  }),
  "POST /v1/invoices/{id}/void": (f: Fixture): Sent => ({
    spec: `POST /v1/invoices/${f.invoice}/void`,
  }),
  "POST /v1/test-clocks": (): Sent => ({ spec: "POST /v1/test-clocks", body: {} }),
  "GET /v1/test-clocks/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/test-clocks/${f.clock}` }),
  "POST /v1/test-clocks/{id}/advance": (f: Fixture): Sent => ({
    spec: `POST /v1/test-clocks/${f.clock}/advance`,
    // A second past the fixture's time: valid, and it moves nothing else of the fixture.
    body: { to: new Date(start + 1000).toISOString() },
  }),
  "GET /v1/reports/revenue": (): Sent => ({
    spec: "GET /v1/reports/revenue?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=csv",
  }),
  "GET /v1/reports/usage": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/usage?${reportSpan}&interval=day&group_by=tag&tag=team&pool=${f.team}`,
  }),
  "GET /v1/reports/top-consumers": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/top-consumers?${reportSpan}&by=key&limit=5&pool=${f.team}`,
  }),
  "GET /v1/reports/chargeback": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/chargeback?${reportSpan}&format=csv&pool=${f.team}`,
  }),
  "GET /v1/reports/margin": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/margin?${reportSpan}&group_by=meter&format=csv&pool=${f.team}`,
  }),
  "GET /v1/reports/buyers-math": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/buyers-math?${reportSpan}&seat_price=20&credit_price=0.01&members=50&pool=${f.team}`,
  }),
  "GET /v1/reports/pooling": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/pooling?${reportSpan}&capacity=1000&members=20&pool=${f.team}`,
  }),
  "GET /v1/reports/forecast": (f: Fixture): Sent => ({
    spec: `GET /v1/reports/forecast?window=7&pool=${f.team}`,
  }),
  "GET /v1/decisions": (f: Fixture): Sent => ({ spec: `GET /v1/decisions?limit=5&pool=${f.team}` }),
  "GET /v1/decisions/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/decisions/${f.decision}` }),
  "GET /v1/gateway-calls": (f: Fixture): Sent => ({
    spec: `GET /v1/gateway-calls?limit=5&pool=${f.team}`,
  }),
  "GET /v1/gateway-calls/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/gateway-calls/${f.gatewayCall}`,
  }),
  "GET /v1/approvals": (): Sent => ({ spec: "GET /v1/approvals?limit=5&status=pending" }),
  "GET /v1/approvals/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/approvals/${f.approval}` }),
  "POST /v1/approvals/{id}/approve": (f: Fixture): Sent => ({
    spec: `POST /v1/approvals/${f.approval}/approve`,
    body: { note: "within budget" },
  }),
  "POST /v1/approvals/{id}/deny": (f: Fixture): Sent => ({
    spec: `POST /v1/approvals/${f.approval}/deny`,
    body: { note: "not this month" },
  }),
  "GET /v1/audit-records": (): Sent => ({
    spec: "GET /v1/audit-records?limit=5&action=pool.created&starting_after=0",
  }),
  "GET /v1/audit-records/export": (): Sent => ({
    spec: "GET /v1/audit-records/export?from=2026-10-15T00:00:00Z&to=2026-11-10T00:00:00Z",
  }),
  "GET /v1/events": (): Sent => ({ spec: "GET /v1/events?limit=5&type=webhook_endpoint.test" }),
  "GET /v1/events/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/events/${f.event}` }),
  "POST /v1/events/{id}/replay": (f: Fixture): Sent => ({
    spec: `POST /v1/events/${f.event}/replay?endpoint=${f.endpoint}`,
    body: {},
  }),
  "POST /v1/webhook-endpoints": (): Sent => ({
    spec: "POST /v1/webhook-endpoints",
    body: {
      url: "https://example.com/billing-hooks",
      event_types: ["grant.issued", "invoice.paid"],
      description: "billing",
      enabled: true,
    },
  }),
  "GET /v1/webhook-endpoints": (): Sent => ({ spec: "GET /v1/webhook-endpoints?limit=5" }),
  "GET /v1/webhook-endpoints/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/webhook-endpoints/${f.endpoint}`,
  }),
  "PATCH /v1/webhook-endpoints/{id}": (f: Fixture): Sent => ({
    spec: `PATCH /v1/webhook-endpoints/${f.endpoint}`,
    body: { description: "paused", enabled: false },
  }),
  "DELETE /v1/webhook-endpoints/{id}": (f: Fixture): Sent => ({
    spec: `DELETE /v1/webhook-endpoints/${f.endpoint}`,
  }),
  "POST /v1/webhook-endpoints/{id}/rotate-secret": (f: Fixture): Sent => ({
    spec: `POST /v1/webhook-endpoints/${f.endpoint}/rotate-secret`,
    body: {},
  }),
  "POST /v1/webhook-endpoints/{id}/test": (f: Fixture): Sent => ({
    spec: `POST /v1/webhook-endpoints/${f.endpoint}/test`,
    body: {},
  }),
  "GET /v1/webhook-endpoints/{id}/deliveries": (f: Fixture): Sent => ({
    spec: `GET /v1/webhook-endpoints/${f.endpoint}/deliveries?limit=5`,
  }),
  "POST /v1/webhook-deliveries/{id}/retry": (f: Fixture): Sent => ({
    spec: `POST /v1/webhook-deliveries/${f.delivery}/retry`,
    body: {},
  }),
  "POST /v1/upstreams": (): Sent => ({
    spec: "POST /v1/upstreams",
    body: {
      provider: "anthropic",
      name: "Team seat",
      base_url: "https://api.anthropic.com",
      api_key: "sk-ant-0123456789",
      windows: [{ duration_seconds: 18_000, max_requests: 200, max_tokens: 1_000_000 }],
      enabled: true,
    },
  }),
  "GET /v1/upstreams": (): Sent => ({ spec: "GET /v1/upstreams?limit=5" }),
  "GET /v1/upstreams/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/upstreams/${f.upstream}` }),
  "PATCH /v1/upstreams/{id}": (f: Fixture): Sent => ({
    spec: `PATCH /v1/upstreams/${f.upstream}`,
    body: { name: "renamed", enabled: false, windows: [{ duration_seconds: 604_800 }] },
  }),
  "DELETE /v1/upstreams/{id}": (f: Fixture): Sent => ({
    spec: `DELETE /v1/upstreams/${f.upstream}`,
  }),
  "POST /v1/alert-rules": (f: Fixture): Sent => ({
    spec: "POST /v1/alert-rules",
    body: { pool: f.team, metric: "balance", below: ["5", "1"], enabled: true },
  }),
  "GET /v1/alert-rules": (): Sent => ({ spec: "GET /v1/alert-rules?limit=5" }),
  "GET /v1/alert-rules/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/alert-rules/${f.alertRule}`,
  }),
  "PATCH /v1/alert-rules/{id}": (f: Fixture): Sent => ({
    spec: `PATCH /v1/alert-rules/${f.alertRule}`,
    body: { below: ["10"], enabled: false },
  }),
  "DELETE /v1/alert-rules/{id}": (f: Fixture): Sent => ({
    spec: `DELETE /v1/alert-rules/${f.alertRule}`,
  }),
  "GET /v1/alerts": (f: Fixture): Sent => ({
    spec: `GET /v1/alerts?limit=5&status=open&pool=${f.team}&rule=${f.alertRule}`,
  }),
  "GET /v1/alerts/{id}": (f: Fixture): Sent => ({ spec: `GET /v1/alerts/${f.alert}` }),
  "POST /v1/routing-policies": (f: Fixture): Sent => ({
    spec: "POST /v1/routing-policies",
    body: {
      pool: f.team,
      tiers: routingTiers,
      default_tier: "standard",
      route_all: false,
      low_balance: { below: "5", step_down: true },
      on_limit: "end_stream",
    },
  }),
  "GET /v1/routing-policies": (): Sent => ({ spec: "GET /v1/routing-policies?limit=5" }),
  "GET /v1/routing-policies/{id}": (f: Fixture): Sent => ({
    spec: `GET /v1/routing-policies/${f.routingPolicy}`,
  }),
  "PATCH /v1/routing-policies/{id}": (f: Fixture): Sent => ({
    spec: `PATCH /v1/routing-policies/${f.routingPolicy}`,
    body: { route_all: true, on_limit: "extend" },
  }),
  "DELETE /v1/routing-policies/{id}": (f: Fixture): Sent => ({
    spec: `DELETE /v1/routing-policies/${f.routingPolicy}`,
  }),
  "POST /v1/alerts/{id}/acknowledge": (f: Fixture): Sent => ({
    spec: `POST /v1/alerts/${f.alert}/acknowledge`,
    body: {},
  }),
  "POST /v1/alerts/{id}/resolve": (f: Fixture): Sent => ({
    spec: `POST /v1/alerts/${f.alert}/resolve`,
    body: {},
  }),
} as const;

type Operation = keyof typeof valid;

/** One thing wrong with a valid request. */
type Change =
  | { readonly set: Record<string, unknown> | ((f: Fixture) => Record<string, unknown>) }
  | { readonly drop: string }
  | { readonly raw: string }
  | { readonly query: string }
  | { readonly id: string }
  /** The `{member}` of the path, as `id` is its `{id}`. */
  | { readonly member: string }
  | { readonly header: Record<string, string> };

interface Case {
  readonly operation: Operation;
  readonly what: string;
  readonly change: Change;
  readonly param: string;
  readonly status?: number;
  readonly code?: string;
  /** The route answers 200 and refuses the usage event on `param` instead. */
  readonly refusedEvent?: true;
  readonly todo?: string;
}

const oversized = JSON.stringify({ name: "x".repeat(limits.requestBodyBytesMax) });
const tooManyEvents = Array.from({ length: limits.usageEventsPerRequestMax + 1 }, (_, index) => ({
  id: `evt-${index}`,
  pool: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  amount: "1",
}));
const event = (change: Record<string, unknown>): Change => ({
  set: (f) => ({ events: [{ id: "evt-1", pool: f.team, amount: "1", ...change }] }),
});
const long = (length: number) => "x".repeat(length);

/** Tags no hold or usage event accepts, why, and the part named when it is one tag's value. */
const badTags: [string, unknown, string?][] = [
  ["not an object", "use_case=support"],
  ["with a value not text", { use_case: 1 }, ".use_case"],
  ["with a key in capitals", { UseCase: "support" }],
  ["with a key over 40 characters", { [long(limits.tagKeyLengthMax + 1)]: "x" }],
  ["with an empty value", { use_case: "" }],
  ["with a value over 100 characters", { use_case: long(limits.tagValueLengthMax + 1) }],
  ["with a control character", { use_case: "a\u0007b" }],
  [
    "more than 8",
    Object.fromEntries(Array.from({ length: limits.tagsMax + 1 }, (_, at) => [`t${at}`, "x"])),
  ],
];

/** Amounts no credit field accepts, and why. */
const badAmounts: [string, unknown][] = [
  ["7 fractional digits", "1.1234567"],
  ["beyond 64 bits as a string", "99999999999999999999"],
  ["1e30 as a JSON number", 1e30],
  ["16 significant digits as a JSON number", 1234567890.123456],
  ["a 16-digit integer as a JSON number", 1234567890123456],
  ["a micro-credit above the maximum", `${limits.amountMicrosMax / 1_000_000n}.000001`],
  ["an exponent in a string", "1e3"],
  ["a boolean", true],
];

/** `set` puts a value in the field: by default `nest`, for a field or one of `limit.*`. */
function amountCases(
  operation: Operation,
  field: string,
  positive: boolean,
  set: (value: unknown) => Record<string, unknown> = (value) => nest(field, value),
): Case[] {
  const cases: Case[] = badAmounts.map(([what, value]) => ({
    operation,
    what: `${field} ${what}`,
    change: { set: set(value) },
    param: field,
  }));
  cases.push({
    operation,
    what: `${field} negative`,
    change: { set: set("-1") },
    param: field,
  });
  if (positive)
    cases.push({ operation, what: `${field} zero`, change: { set: set(0) }, param: field });
  return cases;
}

/** Money (integer minor units, 0 to 10^15) no price field accepts, and why. */
const badMoney: [string, unknown][] = [
  ["negative", -1],
  ["negative as a string", "-1"],
  ["above 10^15 as a string", `${limits.moneyMinorMax + 1n}`],
  ["above 10^15 as a JSON number", Number(limits.moneyMinorMax) + 1],
  ["beyond 2^53 as a JSON number", 2 ** 60],
  ["with a fraction", 30.5],
  ["a decimal string", "30.00"],
  ["an exponent in a string", "3e3"],
  ["a string with a space", " 3000"],
  ["an empty string", ""],
  ["a boolean", true],
];

function moneyCases(
  operation: Operation,
  field: string,
  set: (value: unknown) => Record<string, unknown> = (value) => ({ [field]: value }),
): Case[] {
  return badMoney.map(([what, value]) => ({
    operation,
    what: `${field} ${what}`,
    change: { set: set(value) },
    param: field,
  }));
}

/** A plan's rollover, top-up pack or commitment with one field changed. */
const rollover = (change: Record<string, unknown>) => ({
  rollover: { cap: { percent: 25 }, lifetime_days: 30, ...change },
});
const topUp = (change: Record<string, unknown>) => ({
  top_ups: [{ id: "boost", credits: "100", price: 1000, ...change }],
});
const seatTier = (change: Record<string, unknown>) => ({
  seat_tiers: [
    { id: "premium", name: "Premium", seat_price: 15000, credits_per_seat: "5000", ...change },
  ],
});
const commitment = (change: Record<string, unknown>) => ({
  commitment: { minimum: "500000", discount_percent: 10, ...change },
});

/** Seat counts no route takes, and why. */
const badSeats: [string, unknown][] = [
  ["negative", -1],
  ["above the maximum", limits.seatsMax + 1],
  ["with a fraction", 1.5],
  ["a string", "3"],
  ["null", null],
];

function nest(field: string, value: unknown): Record<string, unknown> {
  const [outer = "", inner] = field.split(".");
  if (inner === undefined) return { [outer]: value };
  const limit =
    outer === "limit"
      ? { amount: "1", kind: "hard", period: "month" }
      : { amount: "1", period: "day" };
  return { [outer]: { ...limit, [inner]: value } };
}

/** A recurring grant's rollover terms with one field changed. */
const recurringRollover = (change: Record<string, unknown>) => ({
  rollover: { cap: "100", lifetime_days: 30, ...change },
});

/** The same three shape faults on every route with a body. */
function bodyCases(operation: Operation): Case[] {
  return [
    { operation, what: "malformed JSON", change: { raw: '{"name": ' }, param: "body" },
    { operation, what: "an array for a body", change: { raw: "[]" }, param: "body" },
    { operation, what: "an unknown field", change: { set: { color: "blue" } }, param: "color" },
    {
      operation,
      what: "a body over the size limit",
      change: { raw: oversized },
      param: "body",
      status: 413,
      code: "payload_too_large",
    },
  ];
}

function pageCases(operation: Operation): Case[] {
  return [
    { operation, what: "limit 0", change: { query: "limit=0" }, param: "limit" },
    {
      operation,
      what: "limit above the page size",
      change: { query: `limit=${limits.pageSizeMax + 1}` },
      param: "limit",
    },
    { operation, what: "limit not a number", change: { query: "limit=ten" }, param: "limit" },
    { operation, what: "limit with a fraction", change: { query: "limit=1.5" }, param: "limit" },
  ];
}

function idCases(operation: Operation, prefix: string): Case[] {
  return [
    {
      operation,
      what: "an id of another kind",
      change: { id: "other_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" },
      param: "id",
    },
    { operation, what: "an id with a dash", change: { id: `${prefix}_01JD2Z-8Y3K` }, param: "id" },
    {
      operation,
      what: "an id over 64 characters",
      change: { id: `${prefix}_${"0".repeat(64)}` },
      param: "id",
    },
  ];
}

const cases: Case[] = [
  ...bodyCases("POST /v1/organizations"),
  {
    operation: "POST /v1/organizations",
    what: "name a number",
    change: { set: { name: 5 } },
    param: "name",
  },
  {
    operation: "POST /v1/organizations",
    what: "name empty",
    change: { set: { name: "" } },
    param: "name",
  },
  {
    operation: "POST /v1/organizations",
    what: "name too long",
    change: { set: { name: long(limits.nameLengthMax + 1) } },
    param: "name",
  },

  ...bodyCases("POST /v1/pools"),
  {
    operation: "POST /v1/pools",
    what: "parent not an id",
    change: { set: { parent: "team" } },
    param: "parent",
  },
  {
    operation: "POST /v1/pools",
    what: "parent a number",
    change: { set: { parent: 42 } },
    param: "parent",
  },
  { operation: "POST /v1/pools", what: "name missing", change: { drop: "name" }, param: "name" },
  {
    operation: "POST /v1/pools",
    what: "name too long",
    change: { set: { name: long(limits.nameLengthMax + 1) } },
    param: "name",
  },
  {
    operation: "POST /v1/pools",
    what: "draws_from_parent a string",
    change: { set: { draws_from_parent: "yes" } },
    param: "draws_from_parent",
  },
  ...amountCases("POST /v1/pools", "limit.amount", false),
  {
    operation: "POST /v1/pools",
    what: "limit.kind unknown",
    change: { set: nest("limit.kind", "firm") },
    param: "limit.kind",
  },
  {
    operation: "POST /v1/pools",
    what: "limit.period unknown",
    change: { set: nest("limit.period", "year") },
    param: "limit.period",
  },
  {
    operation: "POST /v1/pools",
    what: "limit with an unknown field",
    change: { set: nest("limit.reset", "now") },
    param: "limit.reset",
  },
  {
    operation: "POST /v1/pools",
    what: "overage_limit.amount negative",
    change: { set: nest("overage_limit.amount", "-1") },
    param: "overage_limit.amount",
  },

  ...pageCases("GET /v1/pools"),
  {
    operation: "GET /v1/pools",
    what: "starting_after over 64 characters",
    change: { query: `starting_after=${long(65)}` },
    param: "starting_after",
  },
  {
    operation: "GET /v1/pools",
    what: "include_archived neither true nor false",
    change: { query: "include_archived=yes" },
    param: "include_archived",
  },
  ...idCases("GET /v1/pools/{id}", "pool"),
  ...idCases("POST /v1/pools/{id}/archive", "pool"),

  ...bodyCases("PATCH /v1/pools/{id}"),
  ...idCases("PATCH /v1/pools/{id}", "pool"),
  {
    operation: "PATCH /v1/pools/{id}",
    what: "parent, which never changes",
    change: { set: { parent: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" } },
    param: "parent",
  },
  {
    operation: "PATCH /v1/pools/{id}",
    what: "name empty",
    change: { set: { name: "" } },
    param: "name",
  },
  ...amountCases("PATCH /v1/pools/{id}", "limit.amount", false),
  {
    operation: "PATCH /v1/pools/{id}",
    what: "overage_limit without its period",
    change: { set: { overage_limit: { amount: "1" } } },
    param: "overage_limit.period",
  },

  ...bodyCases("POST /v1/recurring-grants"),
  ...amountCases("POST /v1/recurring-grants", "amount", true),
  ...amountCases("POST /v1/recurring-grants", "cost_basis", false),
  ...amountCases("POST /v1/recurring-grants", "rollover.cap", true, (cap) =>
    recurringRollover({ cap }),
  ),
  ...(
    [
      ["amount missing", { drop: "amount" }, "amount"],
      ["interval missing", { drop: "interval" }, "interval"],
      ["pool not an id", { set: { pool: "pool" } }, "pool"],
      ["source unknown", { set: { source: "gift" } }, "source"],
      ["source rollover, which only the ledger makes", { set: { source: "rollover" } }, "source"],
      ["priority above 1000", { set: { priority: 1001 } }, "priority"],
      ["interval a week", { set: { interval: "week" } }, "interval"],
      ["a time zone that is none", { set: { time_zone: "Mars/Olympus" } }, "time_zone"],
      ["anchor_at not a time", { set: { anchor_at: "soon" } }, "anchor_at"],
      ["anchor_at 36 days back", { set: { anchor_at: "2026-09-27T00:00:00Z" } }, "anchor_at"],
      ["expiry unknown", { set: { expiry: "tomorrow" } }, "expiry"],
      ["expiry of 0 days", { set: { expiry: { days: 0 } } }, "expiry.days"],
      [
        "expiry past its bound",
        { set: { expiry: { days: limits.recurringGrantLifetimeDaysMax + 1 } } },
        "expiry.days",
      ],
      [
        "a rollover that never expires",
        { set: { expiry: "never", rollover: { cap: "1", lifetime_days: 3 } } },
        "rollover",
      ],
      [
        "a rollover cap above the amount",
        { set: recurringRollover({ cap: "501" }) },
        "rollover.cap",
      ],
      [
        "a rollover lifetime past its bound",
        { set: recurringRollover({ lifetime_days: limits.rolloverLifetimeDaysMax + 1 }) },
        "rollover.lifetime_days",
      ],
      ["periods 0", { set: { periods: 0 } }, "periods"],
      ["periods with a fraction", { set: { periods: 1.5 } }, "periods"],
      ["ends_at before anchor_at", { set: { ends_at: "2026-10-01T00:00:00Z" } }, "ends_at"],
    ] as const
  ).map(
    ([what, change, param]): Case => ({
      operation: "POST /v1/recurring-grants",
      what,
      change,
      param,
    }),
  ),
  ...pageCases("GET /v1/recurring-grants"),
  ...idCases("GET /v1/recurring-grants/{id}", "rgr"),
  ...idCases("POST /v1/recurring-grants/{id}/cancel", "rgr"),

  ...bodyCases("POST /v1/grants"),
  ...amountCases("POST /v1/grants", "amount", true),
  ...amountCases("POST /v1/grants", "cost_basis", false),
  {
    operation: "POST /v1/grants",
    what: "amount missing",
    change: { drop: "amount" },
    param: "amount",
  },
  {
    operation: "POST /v1/grants",
    what: "pool not an id",
    change: { set: { pool: "pool" } },
    param: "pool",
  },
  {
    operation: "POST /v1/grants",
    what: "source unknown",
    change: { set: { source: "gift" } },
    param: "source",
  },
  {
    operation: "POST /v1/grants",
    what: "priority with a fraction",
    change: { set: { priority: 1.5 } },
    param: "priority",
  },
  {
    operation: "POST /v1/grants",
    what: "priority below 0",
    change: { set: { priority: -1 } },
    param: "priority",
  },
  {
    operation: "POST /v1/grants",
    what: "priority above 1000",
    change: { set: { priority: limits.grantPriorityMax + 1 } },
    param: "priority",
  },
  {
    operation: "POST /v1/grants",
    what: "priority a string",
    change: { set: { priority: "5" } },
    param: "priority",
  },
  {
    operation: "POST /v1/grants",
    what: "effective_at not a time",
    change: { set: { effective_at: "tomorrow" } },
    param: "effective_at",
  },
  {
    operation: "POST /v1/grants",
    what: "effective_at a date without a time",
    change: { set: { effective_at: "2026-11-02" } },
    param: "effective_at",
  },
  {
    operation: "POST /v1/grants",
    what: "expires_at a number",
    change: { set: { expires_at: 1_800_000_000_000 } },
    param: "expires_at",
  },
  {
    operation: "POST /v1/grants",
    what: "expires_at before effective_at",
    change: { set: { expires_at: "2026-11-01T09:00:00Z" } },
    param: "expires_at",
  },
  {
    operation: "POST /v1/grants",
    what: "effective_at beyond the year 2200",
    change: { set: { effective_at: "2300-01-01T00:00:00Z", expires_at: null } },
    param: "effective_at",
  },

  ...pageCases("GET /v1/grants"),
  {
    operation: "GET /v1/grants",
    what: "pool not an id",
    change: { query: "pool=team" },
    param: "pool",
  },
  ...idCases("GET /v1/grants/{id}", "grant"),
  ...idCases("POST /v1/grants/{id}/void", "grant"),
  ...bodyCases("POST /v1/grants/{id}/void"),
  ...idCases("POST /v1/grants/{id}/expiry", "grant"),
  ...bodyCases("POST /v1/grants/{id}/expiry"),
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "expires_at missing",
    change: { drop: "expires_at" },
    param: "expires_at",
  },
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "expires_at a number",
    change: { set: { expires_at: 1_800_000_000_000 } },
    param: "expires_at",
  },
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "expires_at not a time",
    change: { set: { expires_at: "tomorrow" } },
    param: "expires_at",
  },
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "expires_at beyond the year 2200",
    change: { set: { expires_at: "2300-01-01T00:00:00Z" } },
    param: "expires_at",
  },
  // Well formed, but the ledger refuses it at its now, naming the same field.
  {
    operation: "POST /v1/grants/{id}/expiry",
    what: "expires_at before the ledger's now",
    change: { set: { expires_at: "2026-11-01T09:00:00Z" } },
    param: "expires_at",
  },

  ...idCases("POST /v1/grants/{id}/reallocate", "grant"),
  ...bodyCases("POST /v1/grants/{id}/reallocate"),
  ...amountCases("POST /v1/grants/{id}/reallocate", "amount", true),
  {
    operation: "POST /v1/grants/{id}/reallocate",
    what: "pool missing",
    change: { drop: "pool" },
    param: "pool",
  },
  // Well formed, but the ledger refuses it, naming the field.
  {
    operation: "POST /v1/grants/{id}/reallocate",
    what: "amount above the grant's unheld remainder",
    change: { set: { amount: "1000" } },
    param: "amount",
  },
  ...idCases("POST /v1/grants/{id}/undo-reallocation", "grant"),
  ...bodyCases("POST /v1/grants/{id}/undo-reallocation"),

  ...idCases("POST /v1/pools/{id}/boost", "pool"),
  ...bodyCases("POST /v1/pools/{id}/boost"),
  ...amountCases("POST /v1/pools/{id}/boost", "amount", false),
  {
    operation: "POST /v1/pools/{id}/boost",
    what: "until missing",
    change: { drop: "until" },
    param: "until",
  },
  {
    operation: "POST /v1/pools/{id}/boost",
    what: "until not a time",
    change: { set: { until: "soon" } },
    param: "until",
  },
  {
    operation: "POST /v1/pools/{id}/boost",
    what: "until more than 31 days ahead",
    change: { set: { until: "2027-01-01T00:00:00Z" } },
    param: "until",
  },
  {
    operation: "POST /v1/pools/{id}/boost",
    what: "until before the ledger's now",
    change: { set: { until: "2026-11-01T09:00:00Z" } },
    param: "until",
  },
  ...idCases("DELETE /v1/pools/{id}/boost", "pool"),

  ...bodyCases("POST /v1/holds"),
  ...amountCases("POST /v1/holds", "amount", true),
  // An empty JSON body is read as {}: the first field it lacks is named.
  { operation: "POST /v1/holds", what: "an empty body", change: { raw: "" }, param: "pool" },
  {
    operation: "POST /v1/holds",
    what: "amount missing",
    change: { drop: "amount" },
    param: "amount",
  },
  {
    operation: "POST /v1/holds",
    what: "amount null",
    change: { set: { amount: null } },
    param: "amount",
  },
  { operation: "POST /v1/holds", what: "pool missing", change: { drop: "pool" }, param: "pool" },
  {
    operation: "POST /v1/holds",
    what: "pool not an id",
    change: { set: { pool: "pool_" } },
    param: "pool",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds 0",
    change: { set: { ttl_seconds: 0 } },
    param: "ttl_seconds",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds negative",
    change: { set: { ttl_seconds: -60 } },
    param: "ttl_seconds",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds above a day",
    change: { set: { ttl_seconds: limits.holdTtlSecondsMax + 1 } },
    param: "ttl_seconds",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds with a fraction",
    change: { set: { ttl_seconds: 1.5 } },
    param: "ttl_seconds",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds a string",
    change: { set: { ttl_seconds: "600" } },
    param: "ttl_seconds",
  },
  {
    operation: "POST /v1/holds",
    what: "ttl_seconds 1e30",
    change: { set: { ttl_seconds: 1e30 } },
    param: "ttl_seconds",
  },
  ...badTags.map(
    ([what, tags, part = ""]): Case => ({
      operation: "POST /v1/holds",
      what: `tags ${what}`,
      change: { set: { tags } },
      param: `tags${part}`,
    }),
  ),
  {
    operation: "POST /v1/holds",
    what: "an Idempotency-Key over 255 characters",
    change: { header: { "Idempotency-Key": long(limits.idempotencyKeyLengthMax + 1) } },
    param: "Idempotency-Key",
  },
  {
    operation: "POST /v1/holds",
    what: "a body that is not JSON",
    change: { header: { "content-type": "text/plain" } },
    param: "body",
  },
  {
    operation: "POST /v1/holds",
    what: "a body without a Content-Type",
    change: { header: { "content-type": "" } },
    param: "body",
  },
  ...idCases("GET /v1/holds/{id}", "hold"),

  ...bodyCases("POST /v1/holds/{id}/capture"),
  ...idCases("POST /v1/holds/{id}/capture", "hold"),
  ...amountCases("POST /v1/holds/{id}/capture", "amount", false),
  {
    operation: "POST /v1/holds/{id}/capture",
    what: "amount missing",
    change: { drop: "amount" },
    param: "amount",
  },
  ...bodyCases("POST /v1/holds/{id}/release"),
  ...idCases("POST /v1/holds/{id}/release", "hold"),

  ...bodyCases("POST /v1/usage"),
  {
    operation: "POST /v1/usage",
    what: "events missing",
    change: { drop: "events" },
    param: "events",
  },
  {
    operation: "POST /v1/usage",
    what: "no events",
    change: { set: { events: [] } },
    param: "events",
  },
  {
    operation: "POST /v1/usage",
    what: "events not a list",
    change: { set: { events: "evt-1" } },
    param: "events",
  },
  {
    operation: "POST /v1/usage",
    what: "more events than the maximum",
    change: { set: { events: tooManyEvents } },
    param: "events",
  },
  {
    operation: "POST /v1/usage",
    what: "an event id empty",
    change: event({ id: "" }),
    param: "events[0].id",
  },
  {
    operation: "POST /v1/usage",
    what: "an event id over 255 characters",
    change: event({ id: long(limits.usageEventIdLengthMax + 1) }),
    param: "events[0].id",
  },
  {
    operation: "POST /v1/usage",
    what: "an event pool not an id",
    change: event({ pool: "team" }),
    param: "events[0].pool",
  },
  {
    operation: "POST /v1/usage",
    what: "an event time not a time",
    change: event({ time: "yesterday" }),
    param: "events[0].time",
  },
  {
    operation: "POST /v1/usage",
    what: "an event with an unknown field",
    change: event({ model: "gpt" }),
    param: "events[0].model",
  },
  ...badTags.map(
    ([what, tags, part = ""]): Case => ({
      operation: "POST /v1/usage",
      what: `an event's tags ${what}`,
      change: event({ tags }),
      param: `events[0].tags${part}`,
    }),
  ),
  ...badAmounts.map(
    ([what, amount]): Case => ({
      operation: "POST /v1/usage",
      what: `an event amount ${what}`,
      change: event({ amount }),
      param: "events[0].amount",
    }),
  ),
  {
    operation: "POST /v1/usage",
    what: "an event amount zero",
    change: event({ amount: "0" }),
    param: "events[0].amount",
    refusedEvent: true,
  },
  {
    operation: "POST /v1/usage",
    what: "an event amount negative",
    change: event({ amount: "-1" }),
    param: "events[0].amount",
    refusedEvent: true,
  },

  ...pageCases("GET /v1/transfers"),
  {
    operation: "GET /v1/transfers",
    what: "from not a time",
    change: { query: "from=yesterday" },
    param: "from",
  },
  {
    operation: "GET /v1/transfers",
    what: "to not a time",
    change: { query: "to=1700000000" },
    param: "to",
  },
  {
    operation: "GET /v1/transfers",
    what: "starting_after negative",
    change: { query: "starting_after=-1" },
    param: "starting_after",
  },
  {
    operation: "GET /v1/transfers",
    what: "starting_after not a sequence",
    change: { query: "starting_after=txn_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" },
    param: "starting_after",
  },
  {
    operation: "GET /v1/transfers",
    what: "pool not an id",
    change: { query: "pool=team" },
    param: "pool",
  },
  {
    operation: "GET /v1/transfers",
    what: "grant not an id",
    change: { query: "grant=pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" },
    param: "grant",
  },
  {
    operation: "GET /v1/transfers",
    what: "hold not an id",
    change: { query: "hold=1" },
    param: "hold",
  },

  ...bodyCases("POST /v1/members"),
  { operation: "POST /v1/members", what: "name missing", change: { drop: "name" }, param: "name" },
  {
    operation: "POST /v1/members",
    what: "name too long",
    change: { set: { name: long(limits.nameLengthMax + 1) } },
    param: "name",
  },
  {
    operation: "POST /v1/members",
    what: "kind unknown",
    change: { set: { kind: "robot" } },
    param: "kind",
  },
  {
    operation: "POST /v1/members",
    what: "role unknown",
    change: { set: { role: "operator" } },
    param: "role",
  },
  {
    operation: "POST /v1/members",
    what: "email not an address",
    change: { set: { email: "bob" } },
    param: "email",
  },
  {
    operation: "POST /v1/members",
    what: "pool not an id",
    change: { set: { pool: "team" } },
    param: "pool",
  },
  ...pageCases("GET /v1/members"),
  ...idCases("GET /v1/members/{id}", "mem"),

  ...bodyCases("POST /v1/rate-cards"),
  {
    operation: "POST /v1/rate-cards",
    what: "no prices",
    change: { set: { prices: [] } },
    param: "prices",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a price with 19 fractional digits",
    change: {
      set: { prices: [{ meter: "input_tokens", credits_per_unit: "0.0000000000000000001" }] },
    },
    param: "prices[0].credits_per_unit",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a price neither per unit nor tiered",
    change: { set: { prices: [{ meter: "input_tokens" }] } },
    param: "prices[0].credits_per_unit",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "tiers that do not rise",
    change: {
      set: {
        prices: [
          {
            meter: "searches",
            tiers: [
              { up_to: 100, credits_per_unit: "1" },
              { up_to: 50, credits_per_unit: "1" },
              { up_to: null, credits_per_unit: "1" },
            ],
          },
        ],
      },
    },
    param: "prices[0].tiers[1].up_to",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a meter name with spaces",
    change: { set: { prices: [{ meter: "input tokens", credits_per_unit: "1" }] } },
    param: "prices[0].meter",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a cost with 19 fractional digits",
    change: {
      set: {
        prices: [
          { meter: "lookup", credits_per_unit: "1", cost_per_unit: "0.0000000000000000001" },
        ],
      },
    },
    param: "prices[0].cost_per_unit",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a negative cost",
    change: { set: { prices: [{ meter: "lookup", credits_per_unit: "1", cost_per_unit: "-1" }] } },
    param: "prices[0].cost_per_unit",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a cost currency that is not an ISO 4217 code",
    change: { set: { cost_currency: "usd" } },
    param: "cost_currency",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "costs with no cost currency",
    change: { drop: "cost_currency" },
    param: "cost_currency",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a cost currency with no cost",
    change: { set: { prices: [{ meter: "lookup", credits_per_unit: "1" }] } },
    param: "cost_currency",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a cost on a price with tiers",
    change: {
      set: {
        prices: [
          {
            meter: "searches",
            cost_per_unit: "0.01",
            tiers: [{ up_to: null, credits_per_unit: "1", cost_per_unit: "0.01" }],
          },
        ],
      },
    },
    param: "prices[0].cost_per_unit",
  },
  {
    operation: "POST /v1/rate-cards",
    what: "a cost on some tiers only",
    change: {
      set: {
        prices: [
          {
            meter: "searches",
            tiers: [
              { up_to: 100, credits_per_unit: "1", cost_per_unit: "0.01" },
              { up_to: null, credits_per_unit: "1" },
            ],
          },
        ],
      },
    },
    param: "prices[0].tiers[1].cost_per_unit",
  },
  ...bodyCases("POST /v1/quotes"),
  {
    operation: "POST /v1/quotes",
    what: "usage missing",
    change: { drop: "usage" },
    param: "usage",
  },
  {
    operation: "POST /v1/quotes",
    what: "a negative quantity",
    change: { set: { usage: { quantities: { input_tokens: -1 } } } },
    param: "usage.quantities.input_tokens",
  },
  {
    operation: "POST /v1/quotes",
    what: "no meters",
    change: { set: { usage: { quantities: {} } } },
    param: "usage.quantities",
  },
  {
    operation: "POST /v1/quotes",
    what: "a meter the rate card does not price",
    change: { set: { usage: { quantities: { images: 1 } } } },
    param: "usage.quantities.images",
    status: 422,
    code: "meter_not_priced",
  },
  ...bodyCases("POST /v1/keys"),
  { operation: "POST /v1/keys", what: "name missing", change: { drop: "name" }, param: "name" },
  { operation: "POST /v1/keys", what: "role missing", change: { drop: "role" }, param: "role" },
  {
    operation: "POST /v1/keys",
    what: "role unknown",
    change: { set: { role: "operator" } },
    param: "role",
  },
  {
    operation: "POST /v1/keys",
    what: "pool not an id",
    change: { set: { pool: "team" } },
    param: "pool",
  },
  {
    operation: "POST /v1/keys",
    what: "member not an id",
    change: { set: { member: "ann" } },
    param: "member",
  },
  ...pageCases("GET /v1/keys"),
  ...idCases("DELETE /v1/keys/{id}", "key"),

  ...bodyCases("POST /v1/plans"),
  { operation: "POST /v1/plans", what: "id missing", change: { drop: "id" }, param: "id" },
  ...(
    [
      ["with a capital", "Team"],
      ["starting with _", "_team"],
      ["with a space", "team plus"],
      ["over 64 characters", "t".repeat(limits.idLengthMax + 1)],
      ["a number", 5],
    ] as const
  ).map(
    ([what, id]): Case => ({
      operation: "POST /v1/plans",
      what: `id ${what}`,
      change: { set: { id } },
      param: "id",
    }),
  ),
  { operation: "POST /v1/plans", what: "name missing", change: { drop: "name" }, param: "name" },
  {
    operation: "POST /v1/plans",
    what: "name too long",
    change: { set: { name: long(limits.nameLengthMax + 1) } },
    param: "name",
  },
  {
    operation: "POST /v1/plans",
    what: "currency missing",
    change: { drop: "currency" },
    param: "currency",
  },
  ...["eur", "EURO", "XYZ", ""].map(
    (currency): Case => ({
      operation: "POST /v1/plans",
      what: `currency ${JSON.stringify(currency)}, not an ISO 4217 code`,
      change: { set: { currency } },
      param: "currency",
    }),
  ),
  {
    operation: "POST /v1/plans",
    what: "interval missing",
    change: { drop: "interval" },
    param: "interval",
  },
  {
    operation: "POST /v1/plans",
    what: "interval unknown",
    change: { set: { interval: "week" } },
    param: "interval",
  },
  ...moneyCases("POST /v1/plans", "base_price"),
  ...moneyCases("POST /v1/plans", "seat_price"),
  ...amountCases("POST /v1/plans", "credits_per_seat", false),
  ...amountCases("POST /v1/plans", "credits_per_organization", false),
  ...(
    [
      ["negative", "-0.4"],
      ["a fraction", "2/5"],
      ["with an exponent", "4e-1"],
      ["a JSON number", 0.4],
      ["empty", ""],
    ] as const
  ).map(
    ([what, price]): Case => ({
      operation: "POST /v1/plans",
      what: `overage_price ${what}`,
      change: { set: { overage_price: price } },
      param: "overage_price",
    }),
  ),
  {
    operation: "POST /v1/plans",
    what: "rollover cap with both an amount and a percent",
    change: { set: rollover({ cap: { amount: "100", percent: 25 } }) },
    param: "rollover.cap.amount",
  },
  {
    operation: "POST /v1/plans",
    what: "rollover cap empty",
    change: { set: rollover({ cap: {} }) },
    param: "rollover.cap.amount",
  },
  ...[0, 101, 2.5, "25"].map(
    (percent): Case => ({
      operation: "POST /v1/plans",
      what: `rollover cap percent ${JSON.stringify(percent)}`,
      change: { set: rollover({ cap: { percent } }) },
      param: "rollover.cap.percent",
    }),
  ),
  ...(
    [
      ["7 fractional digits", "1.1234567"],
      ["a micro-credit above the maximum", `${limits.amountMicrosMax / 1_000_000n}.000001`],
      ["a boolean", true],
      ["negative", "-1"],
    ] as const
  ).map(
    ([what, amount]): Case => ({
      operation: "POST /v1/plans",
      what: `rollover cap amount ${what}`,
      change: { set: rollover({ cap: { amount } }) },
      param: "rollover.cap.amount",
    }),
  ),
  ...[0, limits.rolloverLifetimeDaysMax + 1, 1.5, "30", null].map(
    (days): Case => ({
      operation: "POST /v1/plans",
      what: `rollover lifetime_days ${JSON.stringify(days)}`,
      change: { set: rollover({ lifetime_days: days }) },
      param: "rollover.lifetime_days",
    }),
  ),
  {
    operation: "POST /v1/plans",
    what: "rollover without lifetime_days",
    change: { set: { rollover: { cap: { percent: 25 } } } },
    param: "rollover.lifetime_days",
  },
  {
    operation: "POST /v1/plans",
    what: "rollover with an unknown field",
    change: { set: rollover({ expires_at: "2027-01-01T00:00:00Z" }) },
    param: "rollover.expires_at",
  },
  {
    operation: "POST /v1/plans",
    what: "seat_removal unknown",
    change: { set: { seat_removal: "refund" } },
    param: "seat_removal",
  },
  {
    operation: "POST /v1/plans",
    what: "top_ups not a list",
    change: { set: { top_ups: { id: "boost", credits: "100", price: 1000 } } },
    param: "top_ups",
  },
  {
    operation: "POST /v1/plans",
    what: "more top-up packs than the maximum",
    change: {
      set: {
        top_ups: Array.from({ length: limits.planTopUpPacksMax + 1 }, (_, n) => ({
          id: `pack-${n}`,
          credits: "1",
          price: 1,
        })),
      },
    },
    param: "top_ups",
  },
  {
    operation: "POST /v1/plans",
    what: "a top-up pack id with a capital",
    change: { set: topUp({ id: "Boost" }) },
    param: "top_ups[0].id",
  },
  ...amountCases("POST /v1/plans", "top_ups[0].credits", false, (credits) => topUp({ credits })),
  ...moneyCases("POST /v1/plans", "top_ups[0].price", (price) => topUp({ price })),
  {
    operation: "POST /v1/plans",
    what: "two top-up packs with the same id",
    change: {
      set: {
        top_ups: [
          { id: "boost", credits: "100", price: 1000 },
          { id: "boost", credits: "200", price: 1800 },
        ],
      },
    },
    param: "top_ups",
  },
  ...(
    [
      ["negative", "-0.25"],
      ["a fraction", "1/4"],
      ["a JSON number", 0.25],
      ["empty", ""],
    ] as const
  ).map(
    ([what, price]): Case => ({
      operation: "POST /v1/plans",
      what: `top_up_price ${what}`,
      change: { set: { top_up_price: price } },
      param: "top_up_price",
    }),
  ),
  {
    operation: "POST /v1/plans",
    what: "a top-up pack with an unknown field",
    change: { set: topUp({ color: "blue" }) },
    param: "top_ups[0].color",
  },
  ...casesOf("POST /v1/plans", [
    ["a seat tier named standard", { set: seatTier({ id: "standard" }) }, "seat_tiers[0].id"],
    ["a seat tier id with a capital", { set: seatTier({ id: "Premium" }) }, "seat_tiers[0].id"],
    ["a seat tier id starting with a digit", { set: seatTier({ id: "1st" }) }, "seat_tiers[0].id"],
    ["a seat tier without a name", { set: seatTier({ name: "" }) }, "seat_tiers[0].name"],
    [
      "a seat tier with an unknown field",
      { set: seatTier({ color: "gold" }) },
      "seat_tiers[0].color",
    ],
    ["seat_tiers not a list", { set: { seat_tiers: seatTier({}).seat_tiers[0] } }, "seat_tiers"],
    ["seat_name empty", { set: { seat_name: "" } }, "seat_name"],
    [
      "two seat tiers with the same id",
      { set: { seat_tiers: [...seatTier({}).seat_tiers, ...seatTier({}).seat_tiers] } },
      "seat_tiers[1].id",
    ],
    [
      "more seat tiers than the maximum",
      {
        set: {
          seat_tiers: Array.from(
            { length: limits.seatTiersMax + 1 },
            (_, n) => seatTier({ id: `tier-${n}` }).seat_tiers[0],
          ),
        },
      },
      "seat_tiers",
    ],
  ]),
  ...moneyCases("POST /v1/plans", "seat_tiers[0].seat_price", (price) =>
    seatTier({ seat_price: price }),
  ),
  ...amountCases("POST /v1/plans", "seat_tiers[0].credits_per_seat", false, (credits) =>
    seatTier({ credits_per_seat: credits }),
  ),
  ...moneyCases("POST /v1/plans", "commitment.minimum", (minimum) => commitment({ minimum })),
  ...[-1, 101, 12.5, "10", null].map(
    (percent): Case => ({
      operation: "POST /v1/plans",
      what: `commitment discount_percent ${JSON.stringify(percent)}`,
      change: { set: commitment({ discount_percent: percent }) },
      param: "commitment.discount_percent",
    }),
  ),
  {
    operation: "POST /v1/plans",
    what: "commitment with an unknown field",
    change: { set: commitment({ months: 12 }) },
    param: "commitment.months",
  },
  {
    operation: "POST /v1/plans",
    what: "an Idempotency-Key over 255 characters",
    change: { header: { "Idempotency-Key": long(limits.idempotencyKeyLengthMax + 1) } },
    param: "Idempotency-Key",
  },

  ...(
    [
      ["an id with a capital", "Team"],
      ["an id starting with -", "-team"],
      ["an id over 64 characters", "t".repeat(limits.idLengthMax + 1)],
      ["an id with NUL", "team%00"],
    ] as const
  ).map(
    ([what, id]): Case => ({
      operation: "GET /v1/plans/{id}",
      what,
      change: { id },
      param: "id",
    }),
  ),
  ...["0", "-1", "1.5", "one", ""].map(
    (version): Case => ({
      operation: "GET /v1/plans/{id}",
      what: `version ${JSON.stringify(version)}`,
      change: { query: `version=${version}` },
      param: "version",
    }),
  ),
  {
    operation: "GET /v1/plans/{id}",
    what: "an unknown query parameter",
    change: { query: "versions=1" },
    param: "versions",
  },

  ...bodyCases("POST /v1/subscriptions"),
  ...casesOf("POST /v1/subscriptions", [
    ["seat_access unknown", { set: { seat_access: "closed" } }, "seat_access"],
    ["seat_access a boolean", { set: { seat_access: true } }, "seat_access"],
    ["tier_seats a list", { set: { tier_seats: [3] } }, "tier_seats"],
    [
      "tier_seats naming a tier with a capital",
      { set: { tier_seats: { Gold: 1 } } },
      "tier_seats.Gold",
    ],
    ["tier_seats negative", { set: { tier_seats: { gold: -1 } } }, "tier_seats.gold"],
    ["tier_seats with a fraction", { set: { tier_seats: { gold: 1.5 } } }, "tier_seats.gold"],
    [
      "tier_seats naming a tier the plan lacks",
      { set: { tier_seats: { gold: 1 } } },
      "tier_seats.gold",
    ],
    [
      "tier_seats naming no seats of a tier the plan lacks",
      { set: { tier_seats: { gold: 0 } } },
      "tier_seats.gold",
    ],
  ]),
  {
    operation: "POST /v1/subscriptions",
    what: "plan missing",
    change: { drop: "plan" },
    param: "plan",
  },
  ...(
    [
      ["with a capital", "Team"],
      ["a number", 5],
      ["null", null],
    ] as const
  ).map(
    ([what, plan]): Case => ({
      operation: "POST /v1/subscriptions",
      what: `plan ${what}`,
      change: { set: { plan } },
      param: "plan",
    }),
  ),
  ...[0, 1.5, "1"].map(
    (version): Case => ({
      operation: "POST /v1/subscriptions",
      what: `plan_version ${JSON.stringify(version)}`,
      change: { set: { plan_version: version } },
      param: "plan_version",
    }),
  ),
  ...badSeats.map(
    ([what, seats]): Case => ({
      operation: "POST /v1/subscriptions",
      what: `seats ${what}`,
      change: { set: { seats } },
      param: "seats",
    }),
  ),
  ...["team", "grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", "pool_01JD2Z-8Y3K"].map(
    (pool): Case => ({
      operation: "POST /v1/subscriptions",
      what: `pool ${pool}, not a pool id`,
      change: { set: { pool } },
      param: "pool",
    }),
  ),
  ...(
    [
      ["not a time", "yesterday"],
      ["a date without a time", "2026-11-01"],
      ["before the year 2000", "1999-12-31T00:00:00Z"],
      ["a number", 1_793_610_000_000],
      ["after now", "2026-11-03T00:00:00Z"],
    ] as const
  ).map(
    ([what, anchor]): Case => ({
      operation: "POST /v1/subscriptions",
      what: `anchor_at ${what}`,
      change: { set: { anchor_at: anchor } },
      param: "anchor_at",
    }),
  ),
  ...(
    [
      ["not a time zone", "Mars/Olympus"],
      ["an offset", "+02:00"],
      ["empty", ""],
      ["over 64 characters", long(65)],
      ["a number", 2],
    ] as const
  ).map(
    ([what, zone]): Case => ({
      operation: "POST /v1/subscriptions",
      what: `time_zone ${what}`,
      change: { set: { time_zone: zone } },
      param: "time_zone",
    }),
  ),
  {
    operation: "POST /v1/subscriptions",
    what: "an Idempotency-Key over 255 characters",
    change: { header: { "Idempotency-Key": long(limits.idempotencyKeyLengthMax + 1) } },
    param: "Idempotency-Key",
  },

  ...pageCases("GET /v1/subscriptions"),
  {
    operation: "GET /v1/subscriptions",
    what: "starting_after over 64 characters",
    change: { query: `starting_after=${long(65)}` },
    param: "starting_after",
  },
  {
    operation: "GET /v1/subscriptions",
    what: "an unknown query parameter",
    change: { query: "pool=pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V" },
    param: "pool",
  },
  ...idCases("GET /v1/subscriptions/{id}", "sub"),

  ...bodyCases("POST /v1/subscriptions/{id}/seats"),
  ...idCases("POST /v1/subscriptions/{id}/seats", "sub"),
  {
    operation: "POST /v1/subscriptions/{id}/seats",
    what: "seats missing",
    change: { drop: "seats" },
    param: "seats",
  },
  ...casesOf("POST /v1/subscriptions/{id}/seats", [
    ["tier with a capital", { set: { tier: "Gold" } }, "tier"],
    ["tier a number", { set: { tier: 1 } }, "tier"],
    ["tier the plan lacks", { set: { tier: "gold" } }, "tier"],
  ]),
  ...badSeats.map(
    ([what, seats]): Case => ({
      operation: "POST /v1/subscriptions/{id}/seats",
      what: `seats ${what}`,
      change: { set: { seats } },
      param: "seats",
    }),
  ),
  ...bodyCases("POST /v1/subscriptions/{id}/assignments"),
  ...idCases("POST /v1/subscriptions/{id}/assignments", "sub"),
  ...casesOf("POST /v1/subscriptions/{id}/assignments", [
    ["member missing", { drop: "member" }, "member"],
    ["member not an id", { set: { member: "ann" } }, "member"],
    ["member an id of another kind", { set: { member: "pool_01JD2Z8Y3K" } }, "member"],
  ]),
  ...pageCases("GET /v1/subscriptions/{id}/assignments"),
  ...idCases("GET /v1/subscriptions/{id}/assignments", "sub"),
  ...idCases("DELETE /v1/subscriptions/{id}/assignments/{member}", "sub"),
  ...casesOf("DELETE /v1/subscriptions/{id}/assignments/{member}", [
    ["member not an id", { member: "ann" }, "member"],
    ["member an id of another kind", { member: "key_01JD2Z8Y3K" }, "member"],
  ]),
  ...bodyCases("POST /v1/subscriptions/{id}/plan"),
  ...idCases("POST /v1/subscriptions/{id}/plan", "sub"),
  {
    operation: "POST /v1/subscriptions/{id}/plan",
    what: "plan missing",
    change: { drop: "plan" },
    param: "plan",
  },
  {
    operation: "POST /v1/subscriptions/{id}/plan",
    what: "plan with a capital",
    change: { set: { plan: "Team-plus" } },
    param: "plan",
  },
  ...[0, 1.5, "1"].map(
    (version): Case => ({
      operation: "POST /v1/subscriptions/{id}/plan",
      what: `plan_version ${JSON.stringify(version)}`,
      change: { set: { plan_version: version } },
      param: "plan_version",
    }),
  ),
  {
    operation: "POST /v1/subscriptions/{id}/plan",
    what: "a plan billed in another currency",
    change: { set: { plan: "team-euro", plan_version: undefined } },
    param: "plan",
  },

  ...bodyCases("POST /v1/top-ups"),
  {
    operation: "POST /v1/top-ups",
    what: "subscription missing",
    change: { drop: "subscription" },
    param: "subscription",
  },
  ...["sub_", "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", 5].map(
    (subscription): Case => ({
      operation: "POST /v1/top-ups",
      what: `subscription ${JSON.stringify(subscription)}, not a subscription id`,
      change: { set: { subscription } },
      param: "subscription",
    }),
  ),
  {
    operation: "POST /v1/top-ups",
    what: "pack with a capital",
    change: { set: { pack: "Boost" } },
    param: "pack",
  },
  {
    operation: "POST /v1/top-ups",
    what: "a pack the plan does not sell",
    change: { set: { pack: "mega" } },
    param: "pack",
  },
  {
    operation: "POST /v1/top-ups",
    what: "neither a pack nor credits",
    change: { drop: "pack" },
    param: "pack",
  },
  {
    operation: "POST /v1/top-ups",
    what: "both a pack and credits",
    change: { set: { credits: "100" } },
    param: "pack",
  },
  ...amountCases("POST /v1/top-ups", "credits", true, (credits) => ({
    pack: undefined,
    credits,
  })),
  {
    operation: "POST /v1/top-ups",
    what: "an Idempotency-Key over 255 characters",
    change: { header: { "Idempotency-Key": long(limits.idempotencyKeyLengthMax + 1) } },
    param: "Idempotency-Key",
  },

  ...idCases("POST /v1/subscriptions/{id}/auto-top-up", "sub"),
  ...autoTopUpCases(),
  ...idCases("POST /v1/subscriptions/{id}/cancel", "sub"),
  ...idCases("POST /v1/subscriptions/{id}/resume", "sub"),

  ...pageCases("GET /v1/invoices"),
  {
    operation: "GET /v1/invoices",
    what: "starting_after over 64 characters",
    change: { query: `starting_after=${long(65)}` },
    param: "starting_after",
  },
  ...["sub_", "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", "sub_01JD2Z-8Y3K"].map(
    (subscription): Case => ({
      operation: "GET /v1/invoices",
      what: `subscription ${subscription}, not a subscription id`,
      change: { query: `subscription=${subscription}` },
      param: "subscription",
    }),
  ),
  ...idCases("GET /v1/invoices/{id}", "inv"),
  ...idCases("GET /v1/invoices/{id}/html", "inv"),
  ...idCases("POST /v1/invoices/{id}/pay", "inv"),
  ...idCases("POST /v1/invoices/{id}/void", "inv"),

  ...revenueCases("from=2026-11-01T00:00:00Z", "to=2026-12-01T00:00:00Z"),
  ...usageReportCases(),
  {
    operation: "POST /v1/test-clocks",
    what: "an unknown field",
    change: { set: { time: "2030-01-01T00:00:00Z" } },
    param: "time",
  },
  ...idCases("GET /v1/test-clocks/{id}", "clock"),
  ...idCases("POST /v1/test-clocks/{id}/advance", "clock"),
  ...(
    [
      ["to missing", { to: undefined }, "to"],
      ["to not a time", { to: "tomorrow" }, "to"],
      ["to a number", { to: 1_900_000_000_000 }, "to"],
      ["to past 2200", { to: "2201-01-01T00:00:00Z" }, "to"],
      ["to before the clock's time", { to: "2001-01-01T00:00:00Z" }, "to"],
      ["an unknown field", { when: "now" }, "when"],
    ] as const
  ).map(
    ([what, change, param]): Case => ({
      operation: "POST /v1/test-clocks/{id}/advance",
      what,
      change: { set: change },
      param,
    }),
  ),
  ...governanceCases(),
  ...webhookCases(),
  ...alertCases(),
  ...upstreamCases(),
  ...routingCases(),
];

/** What the usage reports refuse, each case with a whole query (a change replaces it). */
function usageReportCases(): Case[] {
  const span = reportSpan;
  const table: [Operation, string, string, string][] = [
    ["GET /v1/reports/usage", "interval missing", `${span}`, "interval"],
    ["GET /v1/reports/usage", "interval a year", `${span}&interval=year`, "interval"],
    [
      "GET /v1/reports/usage",
      "more hours than periods allowed",
      "from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&interval=hour",
      "interval",
    ],
    ["GET /v1/reports/usage", "group_by unknown", `${span}&interval=day&group_by=team`, "group_by"],
    [
      "GET /v1/reports/usage",
      "group_by=tag without tag",
      `${span}&interval=day&group_by=tag`,
      "tag",
    ],
    ["GET /v1/reports/usage", "a tag without group_by=tag", `${span}&interval=day&tag=team`, "tag"],
    ["GET /v1/reports/usage", "an empty tag", `${span}&interval=day&group_by=tag&tag=`, "tag"],
    [
      "GET /v1/reports/usage",
      "a tag not a tag key",
      `${span}&interval=day&group_by=tag&tag=Team%20A`,
      "tag",
    ],
    ["GET /v1/reports/usage", "limit 0", `${span}&interval=day&limit=0`, "limit"],
    [
      "GET /v1/reports/usage",
      `limit over ${limits.reportGroupsMax}`,
      `${span}&interval=day&limit=${limits.reportGroupsMax + 1}`,
      "limit",
    ],
    ["GET /v1/reports/usage", "limit a fraction", `${span}&interval=day&limit=1.5`, "limit"],
    [
      "GET /v1/reports/usage",
      "to equal to from",
      "from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z&interval=day",
      "to",
    ],
    ["GET /v1/reports/usage", "pool not a pool id", `${span}&interval=day&pool=mem_1`, "pool"],
    ["GET /v1/reports/usage", "format xml", `${span}&interval=day&format=xml`, "format"],
    ["GET /v1/reports/top-consumers", "by tag", `${span}&by=tag`, "by"],
    ["GET /v1/reports/top-consumers", "limit 101", `${span}&limit=101`, "limit"],
    [
      "GET /v1/reports/top-consumers",
      "to before from",
      "from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z",
      "to",
    ],
    ["GET /v1/reports/top-consumers", "from missing", "to=2026-12-01T00:00:00Z", "from"],
    ["GET /v1/reports/top-consumers", "format csv", `${span}&format=csv`, "format"],
    ["GET /v1/reports/chargeback", "to missing", "from=2026-11-01T00:00:00Z", "to"],
    [
      "GET /v1/reports/chargeback",
      "from not a time",
      "from=monday&to=2026-12-01T00:00:00Z",
      "from",
    ],
    ["GET /v1/reports/chargeback", "an unknown parameter", `${span}&interval=day`, "interval"],
    ["GET /v1/reports/margin", "to missing", "from=2026-11-01T00:00:00Z", "to"],
    ["GET /v1/reports/margin", "group_by member", `${span}&group_by=member`, "group_by"],
    ["GET /v1/reports/margin", "format xml", `${span}&format=xml`, "format"],
    ["GET /v1/reports/margin", "an unknown parameter", `${span}&interval=day`, "interval"],
    [
      "GET /v1/reports/margin",
      "to before from",
      "from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z",
      "to",
    ],
    ["GET /v1/reports/buyers-math", "seat_price negative", `${span}&seat_price=-1`, "seat_price"],
    [
      "GET /v1/reports/buyers-math",
      "seat_credits 7 decimals",
      `${span}&seat_credits=0.0000001`,
      "seat_credits",
    ],
    [
      "GET /v1/reports/buyers-math",
      "overage_price not a number",
      `${span}&overage_price=free`,
      "overage_price",
    ],
    [
      "GET /v1/reports/buyers-math",
      "credit_price an exponent",
      `${span}&credit_price=1e2`,
      "credit_price",
    ],
    [
      "GET /v1/reports/buyers-math",
      "hybrid_seat_price empty",
      `${span}&hybrid_seat_price=`,
      "hybrid_seat_price",
    ],
    [
      "GET /v1/reports/buyers-math",
      "hybrid_seat_credits negative",
      `${span}&hybrid_seat_credits=-5`,
      "hybrid_seat_credits",
    ],
    ["GET /v1/reports/buyers-math", "members 0", `${span}&members=0`, "members"],
    ["GET /v1/reports/buyers-math", "members a fraction", `${span}&members=2.5`, "members"],
    [
      "GET /v1/reports/buyers-math",
      "to equal to from",
      "from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z",
      "to",
    ],
    ["GET /v1/reports/pooling", "capacity negative", `${span}&capacity=-1`, "capacity"],
    ["GET /v1/reports/pooling", "capacity not a decimal", `${span}&capacity=lots`, "capacity"],
    [
      "GET /v1/reports/pooling",
      `members over ${limits.reportSeatsMax}`,
      `${span}&members=${limits.reportSeatsMax + 1}`,
      "members",
    ],
    [
      "GET /v1/reports/pooling",
      `a span over ${limits.reportPoolingDaysMax} days`,
      "from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
      "to",
    ],
    [
      "GET /v1/reports/pooling",
      "to before from",
      "from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z",
      "to",
    ],
    ["GET /v1/reports/forecast", "window 0", "window=0", "window"],
    [
      "GET /v1/reports/forecast",
      `window over ${limits.reportWindowDaysMax}`,
      `window=${limits.reportWindowDaysMax + 1}`,
      "window",
    ],
    ["GET /v1/reports/forecast", "window not a number", "window=month", "window"],
    ["GET /v1/reports/forecast", "a span it does not take", "from=2026-11-01T00:00:00Z", "from"],
  ];
  return table.map(([operation, what, query, param]) => ({
    operation,
    what,
    change: { query },
    param,
  }));
}

/** What a revenue report refuses, each case with a whole query (a change replaces it). */
function revenueCases(from: string, to: string): Case[] {
  return (
    [
      ["from missing", `${to}`, "from"],
      ["from not a time", `from=yesterday&${to}`, "from"],
      ["from before 2000", `from=1999-12-31T00:00:00Z&${to}`, "from"],
      ["to missing", `${from}`, "to"],
      ["to not a time", `${from}&to=1700000000`, "to"],
      ["to not after from", `${from}&to=2026-11-01T00:00:00Z`, "to"],
      ["to before from", `${from}&to=2026-10-01T00:00:00Z`, "to"],
      ["format not json or csv", `${from}&${to}&format=xml`, "format"],
      ["an unknown parameter", `${from}&${to}&pool=pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V`, "pool"],
    ] as const
  ).map(
    ([what, query, param]): Case => ({
      operation: "GET /v1/reports/revenue",
      what,
      change: { query },
      param,
    }),
  );
}

/** The request a case sends: the valid one with the case's change. */
function build(f: Fixture, item: Case): Sent {
  const base = valid[item.operation](f);
  const change = item.change;
  const body = base.body as Record<string, unknown> | undefined;
  if ("set" in change) {
    const set = typeof change.set === "function" ? change.set(f) : change.set;
    return { ...base, body: { ...body, ...set } };
  }
  if ("drop" in change) {
    const { [change.drop]: _dropped, ...rest } = body ?? {};
    return { ...base, body: rest };
  }
  if ("raw" in change) return { ...base, body: undefined, raw: change.raw };
  if ("header" in change) return { ...base, headers: change.header, raw: JSON.stringify(body) };
  if ("query" in change) {
    const [path = ""] = base.spec.split("?");
    return { ...base, spec: `${path}?${change.query}` };
  }
  // The id goes where the operation's path has `{id}` (or `{member}`).
  const [method, path = ""] = base.spec.split(" ");
  const [route = "", query] = path.split("?");
  const segments = route.split("/");
  const [name, value] = "id" in change ? ["{id}", change.id] : ["{member}", change.member];
  const at = item.operation.split(" ")[1]?.split("/").indexOf(name) ?? -1;
  assert.ok(at > 0, `${item.operation} has an ${name}`);
  segments[at] = value;
  const changed = segments.join("/");
  return { ...base, spec: `${method} ${query === undefined ? changed : `${changed}?${query}`}` };
}

async function send(f: Fixture, sent: Sent) {
  const [method = "", path = ""] = sent.spec.split(" ");
  return f.api.call(method as Method, path, {
    key: sent.operator === true ? f.api.operatorKey : f.org.ownerKey,
    body: sent.body,
    ...(sent.raw === undefined ? {} : { raw: sent.raw }),
    headers: sent.headers ?? {},
  });
}

/**
 * What a refused request must leave as it was: everything the organization holds, how many
 * organizations there are, and the operator's catalog of plans.
 */
async function everything(f: Fixture): Promise<string> {
  const store = f.api.store;
  const catalog = (await store.listPlans(defaultScope)).map((plan) => `${plan.id}@${plan.version}`);
  return `${await f.api.snapshot(f.org)} ${(await store.listOrganizationIds()).length} ${catalog}`;
}

describe("validation cases cover every operation that takes input", () => {
  it("every operation of /openapi.json with a body, a query or an id has cases", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    const document = await api.ok("GET", "/openapi.json");
    const withInput = (await api.operations()).filter((operation) => {
      const [method = "", path = ""] = operation.split(" ");
      const item = at(document, `paths.${path}.${method.toLowerCase()}`);
      const parameters = at(item, "parameters");
      const query = Array.isArray(parameters) && parameters.some((p) => at(p, "in") !== "header");
      return at(item, "requestBody") !== undefined || query;
    });
    assert.deepEqual(withInput, Object.keys(valid).sort());
    const covered = new Set(cases.map((item) => item.operation));
    assert.deepEqual([...covered].sort(), withInput);
  });
});

describe("each valid request succeeds (the controls)", () => {
  for (const operation of Object.keys(valid) as Operation[]) {
    it(`${operation} as the cases start from answers 2xx`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const f = await fixture(api);
      const answer = await send(f, valid[operation](f));
      assert.ok(answer.status >= 200 && answer.status < 300, JSON.stringify(answer.body));
      assert.ok(at(answer.body, "allowed") !== false, JSON.stringify(answer.body));
      assert.ok(at(answer.body, "data.0.status") !== "refused", JSON.stringify(answer.body));
    });
  }
});

describe("bad input answers 4xx on the field and writes nothing", () => {
  let f: Fixture;
  before(async () => {
    f = await fixture(await apiHarness());
  });
  after(() => f.api.close());

  for (const item of cases) {
    const status = item.refusedEvent === true ? 200 : (item.status ?? 400);
    const outcome = item.refusedEvent === true ? "the event refused" : String(status);
    it(`${item.operation}, ${item.what}: ${outcome} on ${item.param}`, {
      todo: item.todo,
    }, async () => {
      const before = await everything(f);
      const answer = await send(f, build(f, item));
      if (item.refusedEvent === true) {
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(
          ["status", "code", "param"].map((field) => at(answer.body, `data.0.${field}`)),
          ["refused", "invalid_request", item.param],
        );
      } else {
        expectError(answer, status, item.code ?? "invalid_request", item.param);
      }
      assert.equal(await everything(f), before);
    });
  }
});

describe("the limits themselves are accepted", () => {
  const edges: [string, Record<string, unknown>, string][] = [
    ["the maximum amount", { amount: `${limits.amountMicrosMax / 1_000_000n}` }, "1000000000000"],
    ["6 fractional digits", { amount: "0.000001" }, "0.000001"],
    ["15 significant digits as a JSON number", { amount: 123456789.123456 }, "123456789.123456"],
    ["priority 0", { priority: limits.grantPriorityMin }, "1.5"],
    ["priority 1000", { priority: limits.grantPriorityMax }, "1.5"],
  ];
  for (const [what, change, amount] of edges) {
    it(`POST /v1/grants with ${what} answers 201`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const f = await fixture(api);
      const base = valid["POST /v1/grants"](f);
      const answer = await send(f, { ...base, body: { ...(base.body as object), ...change } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(at(answer.body, "amount"), amount);
    });
  }

  const moneyMax = `${limits.moneyMinorMax}`;
  const planEdges: [string, Record<string, unknown>, string, unknown][] = [
    ["money of 10^15 as a string", { base_price: moneyMax }, "base_price", moneyMax],
    [
      "money of 10^15 as a JSON number",
      { seat_price: Number(limits.moneyMinorMax) },
      "seat_price",
      moneyMax,
    ],
    ["money of 0", { base_price: 0, seat_price: "0" }, "seat_price", "0"],
    ["a rollover cap of 100%", rollover({ cap: { percent: 100 } }), "rollover.cap.percent", 100],
    [
      `a rollover lifetime of ${limits.rolloverLifetimeDaysMax} days`,
      rollover({ lifetime_days: limits.rolloverLifetimeDaysMax }),
      "rollover.lifetime_days",
      limits.rolloverLifetimeDaysMax,
    ],
    ["no rollover", { rollover: null }, "rollover", null],
    [
      `${limits.planTopUpPacksMax} top-up packs`,
      {
        top_ups: Array.from({ length: limits.planTopUpPacksMax }, (_, n) => ({
          id: `pack-${n}`,
          credits: "1000",
          price: moneyMax,
        })),
      },
      `top_ups.${limits.planTopUpPacksMax - 1}.price`,
      moneyMax,
    ],
    ["a discount of 0%", commitment({ discount_percent: 0 }), "commitment.discount_percent", 0],
    [
      "a discount of 100%",
      commitment({ discount_percent: 100 }),
      "commitment.discount_percent",
      100,
    ],
    ["an id of 64 characters", { id: "t".repeat(limits.idLengthMax) }, "version", 1],
  ];
  for (const [what, change, path, shown] of planEdges) {
    it(`POST /v1/plans with ${what} answers 201`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const f = await fixture(api);
      const base = valid["POST /v1/plans"]();
      const answer = await send(f, { ...base, body: { ...(base.body as object), ...change } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(at(answer.body, path), shown);
    });
  }

  for (const seats of [0, limits.seatsMax]) {
    it(`POST /v1/subscriptions with ${seats} seats answers 201`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const f = await fixture(api);
      const base = valid["POST /v1/subscriptions"](f);
      const body = { ...(base.body as object), seats, anchor_at: undefined };
      const answer = await send(f, { ...base, body });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(
        [at(answer.body, "seats"), at(answer.body, "current_period.included_credits")],
        [seats, `${seats * 1000}`],
      );
    });
  }

  for (const ttl of [limits.holdTtlSecondsMin, limits.holdTtlSecondsMax]) {
    it(`POST /v1/holds with ttl_seconds ${ttl} answers an allowed hold`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const f = await fixture(api);
      const base = valid["POST /v1/holds"](f);
      const answer = await send(f, {
        ...base,
        body: { ...(base.body as object), ttl_seconds: ttl },
      });
      assert.equal(at(answer.body, "allowed"), true, JSON.stringify(answer.body));
    });
  }
});

/** What setting an auto top-up rule refuses: each case changes the valid rule. */
function autoTopUpCases(): Case[] {
  const rule = (change: Record<string, unknown>): Change => ({
    set: { auto_top_up: { threshold: "10", pack: "boost", max_per_period: 2, ...change } },
  });
  return (
    [
      ["threshold missing", { threshold: undefined }, "auto_top_up.threshold"],
      ["threshold not a number", { threshold: "ten" }, "auto_top_up.threshold"],
      ["pack and credits both", { credits: "5" }, "auto_top_up.pack"],
      ["neither pack nor credits", { pack: undefined }, "auto_top_up.pack"],
      ["a pack the plan does not sell", { pack: "nope" }, "auto_top_up.pack"],
      ["credits zero", { pack: undefined, credits: "0" }, "auto_top_up.credits"],
      ["max_per_period zero", { max_per_period: 0 }, "auto_top_up.max_per_period"],
      ["max_per_period past 100", { max_per_period: 101 }, "auto_top_up.max_per_period"],
      ["max_per_period a fraction", { max_per_period: 1.5 }, "auto_top_up.max_per_period"],
      ["an unknown field", { color: "red" }, "auto_top_up.color"],
    ] as const
  ).map(
    ([what, change, param]): Case => ({
      operation: "POST /v1/subscriptions/{id}/auto-top-up",
      what,
      change: rule(change),
      param,
    }),
  );
}

/** Cases of one operation, each `[what, change, param]`. */
function casesOf(
  operation: Operation,
  rows: readonly (readonly [string, Change, string])[],
): Case[] {
  return rows.map(([what, change, param]) => ({ operation, what, change, param }));
}

/** Decisions, approvals and the audit trail: their ids, pages, filters and answers. */
function governanceCases(): Case[] {
  const exportFrom = "from=2026-10-15T00:00:00Z";
  const notATime = "yesterday";
  const past2200 = "2201-01-01T00:00:00Z";
  return [
    ...pageCases("GET /v1/decisions"),
    ...casesOf("GET /v1/decisions", [
      ["starting_after not a decision", { query: "starting_after=pool_01" }, "starting_after"],
      ["pool not an id", { query: "pool=team" }, "pool"],
      ["member not an id", { query: "member=ann" }, "member"],
      ["key not an id", { query: "key=key" }, "key"],
      ["code too long", { query: `code=${long(limits.idLengthMax + 1)}` }, "code"],
      ["from not a time", { query: `from=${notATime}` }, "from"],
      ["to past 2200", { query: `to=${past2200}` }, "to"],
      ["an unknown parameter", { query: "hold=hold_01" }, "hold"],
    ]),
    ...idCases("GET /v1/decisions/{id}", "dec"),
    ...pageCases("GET /v1/gateway-calls"),
    ...casesOf("GET /v1/gateway-calls", [
      ["starting_after not a call", { query: "starting_after=pool_01" }, "starting_after"],
      ["pool not an id", { query: "pool=team" }, "pool"],
      ["member not an id", { query: "member=ann" }, "member"],
      ["key not an id", { query: "key=key" }, "key"],
      ["an unknown parameter", { query: "model=gpt" }, "model"],
    ]),
    ...idCases("GET /v1/gateway-calls/{id}", "call"),
    ...pageCases("GET /v1/approvals"),
    ...casesOf("GET /v1/approvals", [
      ["status unknown", { query: "status=open" }, "status"],
      ["an unknown parameter", { query: "pool=pool_01" }, "pool"],
    ]),
    ...idCases("GET /v1/approvals/{id}", "dec"),
    ...(["approve", "deny"] as const).flatMap((verb): Case[] => {
      const operation = `POST /v1/approvals/{id}/${verb}` as const;
      return [
        ...bodyCases(operation),
        ...idCases(operation, "dec"),
        ...casesOf(operation, [
          ["note too long", { set: { note: long(501) } }, "note"],
          ["note a number", { set: { note: 5 } }, "note"],
        ]),
      ];
    }),
    ...pageCases("GET /v1/audit-records"),
    ...casesOf("GET /v1/audit-records", [
      ["starting_after negative", { query: "starting_after=-1" }, "starting_after"],
      ["starting_after not a number", { query: "starting_after=seq_1" }, "starting_after"],
      ["action too long", { query: `action=${long(101)}` }, "action"],
      ["actor too long", { query: `actor=${long(limits.idLengthMax + 1)}` }, "actor"],
      ["from not a time", { query: `from=${notATime}` }, "from"],
      ["to past 2200", { query: `to=${past2200}` }, "to"],
      ["an unknown parameter", { query: "pool=pool_01" }, "pool"],
    ]),
    ...casesOf("GET /v1/audit-records/export", [
      ["from not a time", { query: `from=${notATime}` }, "from"],
      ["to past 2200", { query: `${exportFrom}&to=${past2200}` }, "to"],
      ["to before from", { query: `${exportFrom}&to=2026-10-01T00:00:00Z` }, "to"],
      ["a span past 31 days", { query: `${exportFrom}&to=2026-11-16T00:00:00Z` }, "to"],
      ["an unknown parameter", { query: `${exportFrom}&limit=5` }, "limit"],
    ]),
  ];
}

/** Events, webhook endpoints and deliveries. */
function webhookCases(): Case[] {
  const endpointId = [
    "GET /v1/webhook-endpoints/{id}",
    "PATCH /v1/webhook-endpoints/{id}",
    "DELETE /v1/webhook-endpoints/{id}",
    "POST /v1/webhook-endpoints/{id}/rotate-secret",
    "POST /v1/webhook-endpoints/{id}/test",
    "GET /v1/webhook-endpoints/{id}/deliveries",
  ] as const;
  const endpointFields = (operation: Operation) =>
    casesOf(operation, [
      ["url not a URL", { set: { url: "example.com/hooks" } }, "url"],
      ["url of another scheme", { set: { url: "ftp://example.com/hooks" } }, "url"],
      ["url with credentials", { set: { url: "https://a:b@example.com/hooks" } }, "url"],
      [
        "url too long",
        { set: { url: `https://example.com/${long(limits.webhookUrlLengthMax)}` } },
        "url",
      ],
      ["event_types empty", { set: { event_types: [] } }, "event_types"],
      ["an unknown event type", { set: { event_types: ["grant.*"] } }, "event_types[0]"],
      [
        "event_types past their bound",
        { set: { event_types: Array(limits.webhookEventTypesMax + 1).fill("grant.issued") } },
        "event_types",
      ],
      [
        "description too long",
        { set: { description: long(limits.webhookDescriptionLengthMax + 1) } },
        "description",
      ],
      ["enabled a string", { set: { enabled: "true" } }, "enabled"],
    ]);
  return [
    ...pageCases("GET /v1/events"),
    ...casesOf("GET /v1/events", [["type unknown", { query: "type=grant.*" }, "type"]]),
    ...idCases("GET /v1/events/{id}", "evt"),
    ...bodyCases("POST /v1/events/{id}/replay"),
    ...idCases("POST /v1/events/{id}/replay", "evt"),
    ...casesOf("POST /v1/events/{id}/replay", [
      ["endpoint not an id", { query: "endpoint=pool_01" }, "endpoint"],
    ]),
    ...bodyCases("POST /v1/webhook-endpoints"),
    ...casesOf("POST /v1/webhook-endpoints", [["url missing", { drop: "url" }, "url"]]),
    ...endpointFields("POST /v1/webhook-endpoints"),
    ...pageCases("GET /v1/webhook-endpoints"),
    ...endpointId.flatMap((operation) => idCases(operation, "we")),
    ...bodyCases("PATCH /v1/webhook-endpoints/{id}"),
    ...endpointFields("PATCH /v1/webhook-endpoints/{id}"),
    ...bodyCases("POST /v1/webhook-endpoints/{id}/rotate-secret"),
    ...bodyCases("POST /v1/webhook-endpoints/{id}/test"),
    ...pageCases("GET /v1/webhook-endpoints/{id}/deliveries"),
    ...bodyCases("POST /v1/webhook-deliveries/{id}/retry"),
    ...idCases("POST /v1/webhook-deliveries/{id}/retry", "wdel"),
  ];
}

/** Upstream accounts: every field of a create and an update names itself when refused. */
function upstreamCases(): Case[] {
  const upstreamId = [
    "GET /v1/upstreams/{id}",
    "PATCH /v1/upstreams/{id}",
    "DELETE /v1/upstreams/{id}",
  ] as const;
  const window = (change: object) => ({
    set: { windows: [{ duration_seconds: 3600, ...change }] },
  });
  const fields = (operation: Operation) =>
    casesOf(operation, [
      ["name empty", { set: { name: "" } }, "name"],
      ["name too long", { set: { name: long(limits.upstreamNameLengthMax + 1) } }, "name"],
      ["base_url not a URL", { set: { base_url: "api.example.com" } }, "base_url"],
      ["base_url http", { set: { base_url: "http://api.example.com" } }, "base_url"],
      ["base_url private", { set: { base_url: "https://10.0.0.8/v1" } }, "base_url"],
      ["base_url with a query", { set: { base_url: "https://api.example.com/?a=1" } }, "base_url"],
      [
        "base_url too long",
        { set: { base_url: `https://api.example.com/${long(limits.upstreamBaseUrlLengthMax)}` } },
        "base_url",
      ],
      ["api_key too short", { set: { api_key: "sk-1234" } }, "api_key"],
      ["api_key with a space", { set: { api_key: "sk-123 45678" } }, "api_key"],
      [
        "api_key too long",
        { set: { api_key: long(limits.upstreamApiKeyLengthMax + 1) } },
        "api_key",
      ],
      ["windows not a list", { set: { windows: {} } }, "windows"],
      [
        "windows past their bound",
        {
          set: {
            windows: [60, 120, 180, 240, 300].map((seconds) => ({ duration_seconds: seconds })),
          },
        },
        "windows",
      ],
      [
        "a window of a day's duration twice",
        { set: { windows: [{ duration_seconds: 86_400 }, { duration_seconds: 86_400 }] } },
        "windows",
      ],
      ["a window too short", window({ duration_seconds: 59 }), "windows[0].duration_seconds"],
      [
        "a window too long",
        window({ duration_seconds: limits.upstreamWindowSecondsMax + 1 }),
        "windows[0].duration_seconds",
      ],
      ["a window's requests zero", window({ max_requests: 0 }), "windows[0].max_requests"],
      ["a window's tokens a fraction", window({ max_tokens: 1.5 }), "windows[0].max_tokens"],
      [
        "a window's tokens past their bound",
        window({ max_tokens: limits.upstreamWindowQuotaMax + 1 }),
        "windows[0].max_tokens",
      ],
      ["an unknown window field", window({ every: 1 }), "windows[0].every"],
      ["enabled a string", { set: { enabled: "yes" } }, "enabled"],
    ]);
  return [
    ...bodyCases("POST /v1/upstreams"),
    ...casesOf("POST /v1/upstreams", [
      ["provider missing", { drop: "provider" }, "provider"],
      ["provider unknown", { set: { provider: "mistral" } }, "provider"],
      ["api_key missing", { drop: "api_key" }, "api_key"],
      ["name missing", { drop: "name" }, "name"],
    ]),
    ...fields("POST /v1/upstreams"),
    ...pageCases("GET /v1/upstreams"),
    ...upstreamId.flatMap((operation) => idCases(operation, "ups")),
    ...bodyCases("PATCH /v1/upstreams/{id}"),
    ...casesOf("PATCH /v1/upstreams/{id}", [
      ["provider, which never changes", { set: { provider: "openai" } }, "provider"],
    ]),
    ...fields("PATCH /v1/upstreams/{id}"),
  ];
}

/** Alert rules and alerts. */
function alertCases(): Case[] {
  const ruleId = [
    "GET /v1/alert-rules/{id}",
    "PATCH /v1/alert-rules/{id}",
    "DELETE /v1/alert-rules/{id}",
  ] as const;
  const alertId = [
    "GET /v1/alerts/{id}",
    "POST /v1/alerts/{id}/acknowledge",
    "POST /v1/alerts/{id}/resolve",
  ] as const;
  const tooMany = limits.alertThresholdsPerRuleMax + 1;
  const hours = limits.alertForecastWindowHoursMax + 1;
  return [
    ...bodyCases("POST /v1/alert-rules"),
    ...casesOf("POST /v1/alert-rules", [
      ["pool missing", { drop: "pool" }, "pool"],
      ["pool not an id", { set: { pool: "team" } }, "pool"],
      ["metric missing", { drop: "metric" }, "metric"],
      ["metric unknown", { set: { metric: "usage" } }, "metric"],
      ["below missing for a balance rule", { drop: "below" }, "below"],
      ["thresholds on a balance rule", { set: { thresholds: [50] } }, "thresholds"],
      ["window_hours on a balance rule", { set: { window_hours: 24 } }, "window_hours"],
      ["below empty", { set: { below: [] } }, "below"],
      ["below a boolean", { set: { below: [true] } }, "below[0]"],
      ["below with 7 fractional digits", { set: { below: ["1.1234567"] } }, "below[0]"],
      ["below past the maximum amount", { set: { below: ["1000000000000.000001"] } }, "below[0]"],
      ["below past its bound", { set: { below: Array(tooMany).fill("1") } }, "below"],
      [
        "percentages past 10,000",
        { set: { metric: "limit", below: undefined, thresholds: [10_001] } },
        "thresholds[0]",
      ],
      [
        "a window past its bound",
        { set: { metric: "forecast", below: undefined, window_hours: hours } },
        "window_hours",
      ],
      ["enabled a string", { set: { enabled: "yes" } }, "enabled"],
    ]),
    ...pageCases("GET /v1/alert-rules"),
    ...ruleId.flatMap((operation) => idCases(operation, "arule")),
    ...bodyCases("PATCH /v1/alert-rules/{id}"),
    ...casesOf("PATCH /v1/alert-rules/{id}", [
      ["thresholds and below both", { set: { thresholds: [50] } }, "below"],
      ["below an exponent", { set: { below: ["1e3"] } }, "below[0]"],
      ["thresholds of 0%", { set: { below: undefined, thresholds: [0] } }, "thresholds[0]"],
      ["window_hours 0", { set: { window_hours: 0 } }, "window_hours"],
      ["enabled null", { set: { enabled: null } }, "enabled"],
    ]),
    ...pageCases("GET /v1/alerts"),
    ...casesOf("GET /v1/alerts", [
      ["status unknown", { query: "status=closed" }, "status"],
      ["pool not an id", { query: "pool=team" }, "pool"],
      ["rule not an id", { query: "rule=pool_01" }, "rule"],
    ]),
    ...alertId.flatMap((operation) => idCases(operation, "alert")),
    ...bodyCases("POST /v1/alerts/{id}/acknowledge"),
    ...bodyCases("POST /v1/alerts/{id}/resolve"),
  ];
}

/** Routing policies: tiers, the default tier, the low-balance rule, the limit behaviour. */
function routingCases(): Case[] {
  const byId = [
    "GET /v1/routing-policies/{id}",
    "PATCH /v1/routing-policies/{id}",
    "DELETE /v1/routing-policies/{id}",
  ] as const;
  const tooMany = Array(limits.routingModelsPerTierMax + 1).fill("gpt-5");
  const tiers = (change: Record<string, unknown>) => ({ tiers: { ...routingTiers, ...change } });
  return [
    ...bodyCases("POST /v1/routing-policies"),
    ...casesOf("POST /v1/routing-policies", [
      ["pool missing", { drop: "pool" }, "pool"],
      ["tiers missing", { drop: "tiers" }, "tiers"],
      [
        "a tier missing",
        { set: { tiers: { light: ["gpt-5-nano"], standard: ["gpt-5"] } } },
        "tiers.heavy",
      ],
      ["a tier empty", { set: tiers({ light: [] }) }, "tiers.light"],
      ["a tier past its bound", { set: tiers({ heavy: tooMany }) }, "tiers.heavy"],
      ["a model name empty", { set: tiers({ light: [""] }) }, "tiers.light[0]"],
      [
        "a model no catalog or rate card knows",
        { set: tiers({ standard: ["acme-9"] }) },
        "tiers.standard[0]",
      ],
      ["default_tier unknown", { set: { default_tier: "medium" } }, "default_tier"],
      ["route_all a string", { set: { route_all: "yes" } }, "route_all"],
      ["on_limit unknown", { set: { on_limit: "truncate" } }, "on_limit"],
      [
        "low_balance with both thresholds",
        { set: { low_balance: { below: "5", below_percent: 10 } } },
        "low_balance.below",
      ],
      ["low_balance below 0", { set: { low_balance: { below: "0" } } }, "low_balance.below"],
      [
        "low_balance below_percent past 100",
        { set: { low_balance: { below_percent: 101 } } },
        "low_balance.below_percent",
      ],
      [
        "low_balance below_percent where the pool has no limit",
        { set: { low_balance: { below_percent: 10 } } },
        "low_balance.below_percent",
      ],
    ]),
    ...pageCases("GET /v1/routing-policies"),
    ...byId.flatMap((operation) => idCases(operation, "rpol")),
    ...bodyCases("PATCH /v1/routing-policies/{id}"),
    ...casesOf("PATCH /v1/routing-policies/{id}", [
      ["a tier empty", { set: tiers({ heavy: [] }) }, "tiers.heavy"],
      ["a model unknown", { set: tiers({ heavy: ["acme-9"] }) }, "tiers.heavy[0]"],
      ["on_limit unknown", { set: { on_limit: "truncate" } }, "on_limit"],
      ["route_all null", { set: { route_all: null } }, "route_all"],
    ]),
  ];
}
