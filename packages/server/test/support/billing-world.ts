/**
 * Billing objects for the suites that walk every operation: the operator's `team` plan, a
 * subscription on a pool of its own (a pool takes one active subscription), and a finalized
 * invoice. An invoice is finalized only when its period ends, so making one moves the clock past
 * a month and reads the subscription, which renews it.
 */
import assert from "node:assert/strict";
import { type ApiHarness, at, type OrganizationFixture, text } from "./api.ts";

/**
 * The operator's plan every organization may subscribe to: 1,000 credits a seat, $30.00, and
 * top-ups of a 500-credit pack ($10.00) or any amount at 2 cents a credit.
 */
export const teamPlan = {
  id: "team",
  name: "Team",
  currency: "USD",
  interval: "month",
  seat_price: 3000,
  credits_per_seat: "1000",
  top_ups: [{ id: "boost", credits: "500", price: 1000 }],
  top_up_price: "2",
} as const;

/** The operator's plan a `team` subscription upgrades to: it costs more a seat. */
export const teamPlusPlan = {
  ...teamPlan,
  id: "team-plus",
  name: "Team plus",
  seat_price: 6000,
  credits_per_seat: "3000",
} as const;

/** Longer than any month: a period started before the move has ended after it. */
export const pastPeriodMs = 32 * 86_400_000;

/** Publishes `team` and `team-plus` in the operator's catalog. */
export async function publishOperatorPlans(api: ApiHarness): Promise<void> {
  for (const body of [teamPlan, teamPlusPlan]) {
    await api.ok("POST", "/v1/plans", { key: api.operatorKey, body });
  }
}

export interface Subscribed {
  readonly subscription: string;
  readonly pool: string;
  /** The current period's invoice, a draft. */
  readonly invoice: string;
}

/** A subscription to `team` with the owner key, on a new pool under `parent` (else the root). */
export async function subscribe(
  api: ApiHarness,
  org: OrganizationFixture,
  options: { parent?: string; seats?: number; canceled?: boolean } = {},
): Promise<Subscribed> {
  const pool = await api.pool(org, options.parent ?? org.rootPoolId);
  const key = org.ownerKey;
  const body = { plan: teamPlan.id, seats: options.seats ?? 1, pool };
  const started = await api.ok("POST", "/v1/subscriptions", { key, body });
  const subscription = text(started, "id");
  if (options.canceled === true) {
    await api.ok("POST", `/v1/subscriptions/${subscription}/cancel`, { key });
  }
  return { subscription, pool, invoice: text(started, "current_period.invoice") };
}

/** The subscription's finalized invoice, once its first period has ended: reading renews it. */
export async function finalizedInvoiceOf(
  api: ApiHarness,
  org: OrganizationFixture,
  subscription: string,
): Promise<string> {
  const key = org.ownerKey;
  await api.ok("GET", `/v1/subscriptions/${subscription}`, { key });
  const listed = await api.ok("GET", `/v1/invoices?subscription=${subscription}`, { key });
  const data = at(listed, "data");
  assert.ok(Array.isArray(data), JSON.stringify(listed));
  const finalized = data.find((invoice: unknown) => at(invoice, "status") === "finalized");
  return text(finalized, "id");
}

/** A finalized invoice of a new subscription: the clock moves past its period's end. */
export async function finalizedInvoice(
  api: ApiHarness,
  org: OrganizationFixture,
  parent?: string,
): Promise<string> {
  const { subscription } = await subscribe(api, org, parent === undefined ? {} : { parent });
  api.clock.advance(pastPeriodMs);
  return finalizedInvoiceOf(api, org, subscription);
}
