/**
 * The credit wallet: a customer's plan fills a wallet with 1,000 credits a month at fixed prices
 * (a lookup 1 credit, a document analysis 50). Mid-month the AI provider cuts its price; the
 * vendor publishes a new rate-card version with the new underlying cost and the same credit
 * prices, and the margin report shows what the cut is worth.
 *
 *   npx tsx examples/credit-wallet/run.ts
 */
import type { CreditpoolClient } from "@creditpool/sdk";
import {
  type ExampleTarget,
  finalizedInvoice,
  newOrganization,
  type Output,
  printInvoice,
  printTable,
  credits as readable,
  runIfMain,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";

/** What the scenario ends with; the test checks every figure. */
export interface CreditWalletFigures {
  readonly included: string;
  readonly consumed: { readonly lookups: string; readonly documents: string };
  readonly refusal: { readonly code: string; readonly available: string };
  readonly margin: readonly {
    readonly version: string;
    readonly credits: string;
    readonly revenue: string;
    readonly providerCost: string;
    readonly margin: string | null;
    readonly marginPercent: string | null;
  }[];
  readonly invoiceTotal: string;
}

/** The customer's prices, the same in both versions; the provider's cost per unit, in dollars. */
const creditPrices = { lookup: "1", "document.analyzed": "50" } as const;
const providerCosts = {
  before: { lookup: "0.002", "document.analyzed": "0.10" },
  after: { lookup: "0.001", "document.analyzed": "0.05" },
} as const;

export async function play(target: ExampleTarget, out: Output): Promise<CreditWalletFigures> {
  const { owner, rootPool } = await newOrganization(target, "Lumen customer");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The wallet: $20 a month for 1,000 credits, which expire with the month.
  await owner.plans.publish({
    id: "wallet",
    name: "Wallet",
    currency: "USD",
    interval: "month",
    base_price: "2000",
    credits_per_organization: "1000",
    rollover: null,
  });
  const version1 = await publish(owner, "before");
  const subscription = await owner.subscriptions.start({ plan: "wallet" });
  const included = (await owner.pools.get(rootPool)).available;

  // 1 to 14 January: 300 lookups and 8 documents, priced by version 1.
  await lookups(owner, rootPool, "jan-a", 300);
  await documents(owner, rootPool, 8);

  // 15 January: the provider halves its price. Version 2 keeps every credit price and records
  // the new cost; it is in force from now, and what was priced before keeps version 1.
  await calendar.moveTo(14);
  const version2 = await publish(owner, "after");
  await lookups(owner, rootPool, "jan-b", 150);
  await documents(owner, rootPool, 3);
  // The wallet is empty: the next document cannot be held.
  const refused = await owner.holds.create({
    pool: rootPool,
    usage: { quantities: { "document.analyzed": 1 } },
  });
  if (refused.allowed) throw new Error("a document was held from an empty wallet");
  const available = (await owner.pools.get(rootPool)).available;

  const span = { from: calendar.at(0, 1), to: calendar.at(1, 1) };
  const byVersion = await owner.reports.margin({ ...span, group_by: "rate_card" });
  const byMeter = await owner.reports.usage({ ...span, group_by: "meter", interval: "month" });
  const names = new Map([
    [version1, "version 1 (before the cut)"],
    [version2, "version 2 (after the cut)"],
  ]);
  const margin = byVersion.groups.map((group) => ({
    version: names.get(group.group) ?? group.group,
    credits: group.credits,
    revenue: group.revenue,
    providerCost: group.provider_cost,
    margin: group.margin,
    marginPercent: group.margin_percent,
  }));

  // 1 February: January's invoice.
  await calendar.moveTo(0, 0, 1);
  const invoice = await finalizedInvoice(owner, subscription.id);

  const meterTotal = (meter: string) =>
    byMeter.groups.find((group) => group.group === meter)?.credits ?? "0";
  out.line("The credit wallet: plan wallet ($20.00 a month, 1,000 credits); a lookup is 1");
  out.line("credit, a document analysis 50, before and after the provider's price cut");
  out.line();
  printTable(out, "January's wallet", [
    ["1 Jan", "included", readable(included)],
    ["1-31 Jan", "lookups (450)", `-${readable(meterTotal("lookup"))}`],
    ["1-31 Jan", "document analyses (11)", `-${readable(meterTotal("document.analyzed"))}`],
    ["after them", "left", readable(available)],
  ]);
  out.line("Refused");
  out.line(
    `  a 12th document analysis: ${refused.code}, the wallet had ${readable(available)} credits`,
  );
  out.line();
  printTable(out, "Margin by rate-card version (GET /v1/reports/margin?group_by=rate_card)", [
    ["", "credits", "revenue", "provider cost", "margin", "margin %"],
    ...margin.map((row) => [
      row.version,
      readable(row.credits),
      dollars(row.revenue),
      dollars(row.providerCost),
      row.margin === null ? "-" : dollars(row.margin),
      row.marginPercent === null ? "-" : `${row.marginPercent}%`,
    ]),
    [
      "January",
      readable(byVersion.total.credits),
      dollars(byVersion.total.revenue),
      dollars(byVersion.total.provider_cost),
      byVersion.total.margin === null ? "-" : dollars(byVersion.total.margin),
      byVersion.total.margin_percent === null ? "-" : `${byVersion.total.margin_percent}%`,
    ],
  ]);
  printInvoice(out, "Invoice for January", invoice);

  return {
    included,
    consumed: { lookups: meterTotal("lookup"), documents: meterTotal("document.analyzed") },
    refusal: { code: refused.code, available },
    margin,
    invoiceTotal: invoice.total,
  };
}

/** A version with the customer's credit prices and the provider's costs of `when`. */
async function publish(owner: CreditpoolClient, when: keyof typeof providerCosts): Promise<string> {
  const costs = providerCosts[when];
  const card = await owner.rateCards.create({
    cost_currency: "USD",
    prices: [
      { meter: "lookup", credits_per_unit: creditPrices.lookup, cost_per_unit: costs.lookup },
      {
        meter: "document.analyzed",
        credits_per_unit: creditPrices["document.analyzed"],
        cost_per_unit: costs["document.analyzed"],
      },
    ],
  });
  return card.id;
}

/** `count` lookups reported after the fact, one usage event each, in one batch. */
async function lookups(owner: CreditpoolClient, pool: string, batch: string, count: number) {
  const events = Array.from({ length: count }, (_, i) => ({
    id: `${batch}-${i}`,
    pool,
    quantities: { lookup: 1 },
  }));
  const answer = await owner.usage.record({ events });
  const recorded = answer.data.filter((result) => result.status === "recorded").length;
  if (recorded !== count) throw new Error(`${count - recorded} lookups were not recorded`);
}

/** `count` document analyses, each held at its price before it runs and captured after. */
async function documents(owner: CreditpoolClient, pool: string, count: number) {
  const usage = { quantities: { "document.analyzed": 1 } };
  for (let i = 0; i < count; i++) {
    const decision = await owner.holds.create({ pool, usage });
    if (!decision.allowed) throw new Error(`a document was refused: ${decision.code}`);
    await owner.holds.capture(decision.hold.id, { usage });
  }
}

/** A decimal amount of dollars, to the cent when it has no more digits. */
function dollars(amount: string): string {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const cents = fraction.padEnd(2, "0");
  return `${negative ? "-" : ""}$${whole}.${cents.length > 2 ? cents.replace(/0+$/, "") : cents}`;
}

runIfMain(import.meta.url, play);
