/**
 * The billing mode's comparisons after every batch and request: the pool, every grant the ledger
 * keeps (the model's, and no other), the subscription's period, seats, plan and status, and every
 * invoice: one a period, its lines and total as the reference bills them, and a finalized one
 * exactly as it was first seen. Answers the first difference as [what, expected, actual].
 */
import {
  formatDecimal,
  type Grant,
  type LedgerSnapshot,
  type PoolBalances,
} from "@creditpool/core";
import type { GrantFigures } from "../packages/server/src/engine/results.ts";
import type { InvoiceLine } from "../packages/server/src/services/subscription-records.ts";
import type { InvoiceRow, SubscriptionRow } from "../packages/server/src/store/billing.ts";
import { type BillingReference, type RefLine, refTotal } from "./billing-reference.ts";
import type { ReferenceModel } from "./reference-model.ts";

export interface BillingReadings {
  readonly now: number;
  readonly model: ReferenceModel;
  readonly billing: BillingReference;
  readonly snapshot: LedgerSnapshot;
  readonly pool: PoolBalances;
  readonly subscription: SubscriptionRow | null;
  readonly invoices: readonly InvoiceRow[];
  /** Each finalized invoice as first seen, by id; filled as they are seen. */
  readonly finalized: Map<string, string>;
  readonly figures: (grant: Grant) => GrantFigures;
  readonly decodeLines: (text: string) => InvoiceLine[];
  readonly rootPoolId: string;
}

type Difference = [string, string, string] | null;

export function compareBilling(readings: BillingReadings): Difference {
  return (
    comparePool(readings) ??
    compareGrants(readings) ??
    compareSubscription(readings) ??
    compareInvoices(readings)
  );
}

function comparePool({ model, pool, rootPoolId }: BillingReadings): Difference {
  const expected = model.poolView(rootPoolId);
  for (const field of Object.keys(expected) as (keyof typeof expected)[]) {
    if (pool[field] === expected[field]) continue;
    const what = `the pool's ${field}`;
    return [what, formatDecimal(expected[field]), formatDecimal(pool[field])];
  }
  return null;
}

function compareGrants({ model, snapshot, figures }: BillingReadings): Difference {
  const views = model.grantViews();
  const byId = new Map(model.grants().map((grant) => [grant.id, grant]));
  for (const grant of snapshot.grants) {
    const expected = byId.get(grant.id);
    const view = views.get(grant.id);
    if (expected === undefined || view === undefined)
      return [
        `grant ${grant.id}`,
        "no such grant",
        `${grant.source} ${formatDecimal(grant.amount)}`,
      ];
    const actual = figures(grant);
    const show = (amount: bigint, remaining: bigint, held: bigint, status: string, at: unknown) =>
      `amount ${formatDecimal(amount)} remaining ${formatDecimal(remaining)}` +
      ` held ${formatDecimal(held)} ${status} expires ${at}`;
    const same =
      grant.amount === expected.amount &&
      grant.expiresAt === expected.expiresAt &&
      actual.remaining === view.remaining &&
      actual.held === view.held &&
      actual.status === view.status;
    if (!same)
      return [
        `grant ${grant.id} (${grant.source})`,
        show(expected.amount, view.remaining, view.held, view.status, expected.expiresAt),
        show(grant.amount, actual.remaining, actual.held, actual.status, grant.expiresAt),
      ];
    byId.delete(grant.id);
  }
  const missing = byId.keys().next().value;
  return missing === undefined ? null : [`grant ${missing}`, "in the ledger", "missing"];
}

function compareSubscription({ billing, subscription: row }: BillingReadings): Difference {
  const expected = billing.subscription;
  if (expected === null || row === null)
    return expected === null && row === null ? null : ["the subscription", "one", "none"];
  const want = {
    period: `${expected.period.index} [${expected.period.start}, ${expected.period.end})`,
    seats: expected.seats,
    plan: expected.plan.id,
    pending: expected.pending?.id ?? null,
    status: expected.status,
    cancelAtPeriodEnd: expected.cancelAtPeriodEnd,
  };
  const pending = row.pending === null ? null : (JSON.parse(row.pending) as { planId: string });
  const got = {
    period: `${row.periodIndex} [${row.periodStart}, ${row.periodEnd})`,
    seats: row.seats,
    plan: row.planId,
    pending: pending?.planId ?? null,
    status: row.status,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
  };
  for (const field of Object.keys(want) as (keyof typeof want)[]) {
    if (want[field] !== got[field])
      return [`the subscription's ${field}`, String(want[field]), String(got[field])];
  }
  return null;
}

function showLines(lines: readonly RefLine[]): string {
  return lines
    .map((line) => `${line.kind} x${line.quantity} ${line.amount} [${line.from}, ${line.to})`)
    .join("; ");
}

function compareInvoices(readings: BillingReadings): Difference {
  const { billing, invoices, finalized, decodeLines } = readings;
  const byPeriod = new Map<string, InvoiceRow>();
  for (const row of invoices) {
    const key = `${row.subscriptionId}/${row.periodIndex}`;
    if (byPeriod.has(key)) return [`invoices of period ${key}`, "one", "two or more"];
    byPeriod.set(key, row);
    if (row.status === "draft") continue;
    const seen = JSON.stringify([
      row.status,
      row.number,
      row.lines,
      `${row.total}`,
      row.finalizedAt,
    ]);
    const first = finalized.get(row.id);
    if (first === undefined) finalized.set(row.id, seen);
    else if (first !== seen) return [`finalized invoice ${row.id}`, first, seen];
  }
  let count = 0;
  for (const subscription of billing.history) {
    for (const invoice of subscription.invoices) {
      count += 1;
      const key = `${subscription.id}/${invoice.periodIndex}`;
      const row = byPeriod.get(key);
      if (row === undefined) return [`the invoice of period ${key}`, "one", "none"];
      const lines = decodeLines(row.lines);
      const want = [
        invoice.status,
        `[${invoice.periodStart}, ${invoice.periodEnd})`,
        showLines(invoice.lines),
        `total ${refTotal(invoice)}`,
      ];
      const got = [
        row.status,
        `[${row.periodStart}, ${row.periodEnd})`,
        showLines(lines),
        `total ${row.total}`,
      ];
      for (const [position, value] of want.entries()) {
        if (value !== got[position])
          return [`the invoice of period ${key}`, want.join(" | "), got.join(" | ")];
      }
    }
  }
  if (count !== invoices.length) return ["invoices", `${count}`, `${invoices.length}`];
  return null;
}
