/**
 * The rate cards in force, for routes that price: an organization's own versions, or the
 * operator's default ones when it has none. Versions are immutable, so each scope's list is
 * cached and reloaded at most every few seconds (a new version reaches every node within that).
 */
import {
  type Micros,
  type ProviderCost,
  priceUsage,
  type RateCard,
  rateCardAt,
  type UsageDescription,
} from "@creditpool/core";
import type { Clock } from "../engine/engine.ts";
import { Refusal } from "../refusal.ts";
import type { Store } from "../store/port.ts";
import { defaultScope } from "../store/pricing.ts";

const cacheMs = 5_000;

export interface PricedUsage {
  readonly amount: Micros;
  readonly rateCardId: string;
  /** `amount` split by meter, summing to it exactly: what the priced event is attributed to. */
  readonly meters: Readonly<Record<string, Micros>>;
  /** What the event costs the vendor at its provider; null when its card has no cost for it. */
  readonly cost: ProviderCost | null;
}

export class RateCards {
  private readonly cached = new Map<string, { cards: RateCard[]; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Every version that applies to the organization: its own, else the operator's default. */
  async versionsFor(organizationId: string): Promise<RateCard[]> {
    const own = await this.scope(organizationId);
    return own.length > 0 ? own : this.scope(defaultScope);
  }

  /**
   * Every cost currency the organization's consumption may have been costed in: its own
   * versions', and the operator's default versions' it was priced by before it had its own.
   */
  async costCurrenciesFor(organizationId: string): Promise<string[]> {
    const cards = [...(await this.scope(organizationId)), ...(await this.scope(defaultScope))];
    const currencies = cards.flatMap((card) =>
      card.costCurrency === undefined ? [] : [card.costCurrency],
    );
    return [...new Set(currencies)].sort();
  }

  forget(scope: string): void {
    this.cached.delete(scope);
  }

  /** Prices usage with the version in force at `at`; a meter it does not price refuses. */
  async price(
    organizationId: string,
    usage: UsageDescription,
    at: number,
    param: string,
  ): Promise<PricedUsage> {
    const card = rateCardAt(await this.versionsFor(organizationId), at);
    if (card === null) throw new Refusal("rate_card_missing", undefined, param);
    return this.priceWith(card, usage, param);
  }

  /** Prices usage with a named version (the one a hold or quote pinned). */
  async priceWithVersion(
    organizationId: string,
    id: string,
    usage: UsageDescription,
    param: string,
  ) {
    const card = (await this.versionsFor(organizationId)).find((each) => each.id === id);
    if (card === undefined)
      throw new Refusal("rate_card_missing", `Rate card ${id} is not in force here.`, param);
    return this.priceWith(card, usage, param);
  }

  priceWith(card: RateCard, usage: UsageDescription, param: string): PricedUsage {
    const priced = priceUsage(card, usage);
    if (!priced.ok)
      throw new Refusal(priced.code, `${priced.reason}.`, `${param}.quantities.${priced.meter}`);
    const { amount, meters, cost } = priced;
    return { amount, rateCardId: card.id, meters, cost };
  }

  private async scope(scope: string): Promise<RateCard[]> {
    const now = this.clock();
    const hit = this.cached.get(scope);
    if (hit !== undefined && now - hit.at < cacheMs) return hit.cards;
    const cards = await this.store.listRateCards(scope);
    this.cached.set(scope, { cards, at: now });
    return cards;
  }
}
