/**
 * The product every customer of the credit-priced product buys from: one rate card of actions
 * priced in credits, and three plans (Hobby, Founder, Team). Each organization publishes them as
 * its own, so the example never depends on the operator's catalog.
 */
import type { CreditpoolClient, PublishPlan, UsageEvent } from "@creditpool/sdk";

/** Unused included credits roll over, all of them, and live 30 days past the period's end. */
const rollover = { cap: { percent: 100 }, lifetime_days: 30 } as const;

/** Hobby: free, 1,000 credits a month for the organization. */
export const hobby: PublishPlan = {
  id: "hobby",
  name: "Hobby",
  currency: "USD",
  interval: "month",
  base_price: "0",
  credits_per_organization: "1000",
  rollover,
};

/** Founder: $40 a month for 5,000 credits, and packs of 2,000 more at $15 when they run short. */
export const founder: PublishPlan = {
  id: "founder",
  name: "Founder",
  currency: "USD",
  interval: "month",
  base_price: "4000",
  credits_per_organization: "5000",
  rollover,
  top_ups: [{ id: "boost", credits: "2000", price: "1500" }],
};

/** Team: $30 a seat a month, each seat's 4,000 credits pooled for the whole team. */
export const team: PublishPlan = {
  id: "team",
  name: "Team",
  currency: "USD",
  interval: "month",
  seat_price: "3000",
  credits_per_seat: "4000",
  rollover,
};

/** What each action costs: an email draft by its length, the rest a flat price. */
export async function publishRateCard(owner: CreditpoolClient): Promise<void> {
  await owner.rateCards.create({
    prices: [
      { meter: "email_draft", dimensions: { length: "short" }, credits_per_unit: "4" },
      { meter: "email_draft", dimensions: { length: "medium" }, credits_per_unit: "5" },
      { meter: "email_draft", dimensions: { length: "long" }, credits_per_unit: "6" },
      { meter: "enrichment", credits_per_unit: "1" },
      { meter: "research_brief", credits_per_unit: "8" },
      { meter: "deep_search", credits_per_unit: "25" },
    ],
  });
}

/** One kind of action, as a usage description: `count` of them. */
export interface Work {
  readonly quantities: Readonly<Record<string, number>>;
  readonly dimensions: Readonly<Record<string, string>>;
}

export const emails = (length: "short" | "medium" | "long", count: number): Work => ({
  quantities: { email_draft: count },
  dimensions: { length },
});
export const enrichments = (count: number): Work => ({
  quantities: { enrichment: count },
  dimensions: {},
});
export const researchBriefs = (count: number): Work => ({
  quantities: { research_brief: count },
  dimensions: {},
});
export const deepSearches = (count: number): Work => ({
  quantities: { deep_search: count },
  dimensions: {},
});

/**
 * Records finished work after the fact (no hold: these actions are cheap), one usage event per
 * kind of action, ids prefixed by `run` so that a retry records nothing twice.
 */
export async function recordWork(
  client: CreditpoolClient,
  pool: string,
  run: string,
  work: readonly Work[],
): Promise<void> {
  const events: UsageEvent[] = work.map((item, i) => ({
    id: `${run}-${i + 1}`,
    pool,
    quantities: { ...item.quantities },
    dimensions: { ...item.dimensions },
  }));
  const answer = await client.usage.record({ events });
  for (const result of answer.data) {
    if (result.status !== "recorded") throw new Error(`${result.id}: ${result.code}`);
  }
}
