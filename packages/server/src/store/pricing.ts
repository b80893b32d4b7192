/**
 * Rate cards and quotes. A rate card is an immutable version: stored once, never changed; a new
 * version supersedes it from its effective time. Rate cards of the operator (scope `default`)
 * serve organizations without their own. Quotes pin the version they were priced with. Both are
 * written like the directory's rows: with their answer, which claims its key first.
 */
import type { MeterPrice, Micros, RateCard } from "@creditpool/core";
import { rational } from "@creditpool/core";
import { type ScopedAnswer, type SqlRunner, writeOnce } from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { big, int, type Row, text, textOrNull } from "./rows.ts";

export const defaultScope = "default";

export interface QuoteRow {
  readonly id: string;
  readonly organizationId: string;
  readonly rateCardId: string;
  /** The described usage, as canonical JSON. */
  readonly usage: string;
  readonly amount: Micros;
  readonly expiresAt: number;
  readonly createdAt: number;
}

/**
 * Writes given an answer are idempotent as in the directory: null when they took effect, else the
 * answer stored first under the key, and nothing written.
 */
export interface PricingStore {
  insertRateCard(
    scope: string,
    card: RateCard,
    createdAt: number,
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  /** Every version of a scope, oldest effective first. */
  listRateCards(scope: string): Promise<RateCard[]>;
  insertQuote(quote: QuoteRow, answer?: ScopedAnswer | null): Promise<StoredAnswer | null>;
  readQuote(organizationId: string, id: string): Promise<QuoteRow | null>;
}

/**
 * Prices as JSON: rationals as "numerator/denominator" micro-credits per unit, and a tier's cost
 * (when it has one) as "numerator/denominator" micro-units of the card's cost currency.
 */
export function encodePrices(prices: readonly MeterPrice[]): string {
  return JSON.stringify(
    prices.map((price) => ({
      meter: price.meter,
      dimensions: price.dimensions,
      tiers: price.tiers.map((tier) => ({
        up_to: tier.upTo === null ? null : tier.upTo.toString(),
        price: `${tier.price.numerator}/${tier.price.denominator}`,
        ...(tier.cost === undefined
          ? {}
          : { cost: `${tier.cost.numerator}/${tier.cost.denominator}` }),
      })),
    })),
  );
}

export function decodePrices(encoded: string): MeterPrice[] {
  const parsed = JSON.parse(encoded) as {
    meter: string;
    dimensions: Record<string, string>;
    tiers: { up_to: string | null; price: string; cost?: string }[];
  }[];
  return parsed.map((price) => ({
    meter: price.meter,
    dimensions: price.dimensions,
    tiers: price.tiers.map((tier) => {
      return {
        upTo: tier.up_to === null ? null : BigInt(tier.up_to),
        price: rationalOf(tier.price),
        ...(tier.cost === undefined ? {} : { cost: rationalOf(tier.cost) }),
      };
    }),
  }));
}

function rationalOf(encoded: string) {
  const [numerator = "0", denominator = "1"] = encoded.split("/");
  return rational(BigInt(numerator), BigInt(denominator));
}

function rowToRateCard(row: Row): RateCard {
  const costCurrency = textOrNull(row.cost_currency);
  return {
    id: text(row.id),
    effectiveAt: int(row.effective_at),
    minimumCharge: big(row.minimum_charge),
    prices: decodePrices(text(row.prices)),
    ...(costCurrency === null ? {} : { costCurrency }),
  };
}

function rowToQuote(row: Row): QuoteRow {
  return {
    id: text(row.id),
    organizationId: text(row.organization_id),
    rateCardId: text(row.rate_card_id),
    usage: text(row.usage),
    amount: big(row.amount),
    expiresAt: int(row.expires_at),
    createdAt: int(row.created_at),
  };
}

export class SqlPricing implements PricingStore {
  constructor(private readonly sql: SqlRunner) {}

  insertRateCard(
    scope: string,
    card: RateCard,
    createdAt: number,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    const prices = encodePrices(card.prices);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () =>
        run(
          `INSERT INTO rate_cards (scope, id, effective_at, minimum_charge, prices, created_at,
            cost_currency) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            scope,
            card.id,
            card.effectiveAt,
            card.minimumCharge,
            prices,
            createdAt,
            card.costCurrency ?? null,
          ],
        ),
      ),
    );
  }

  async listRateCards(scope: string): Promise<RateCard[]> {
    const rows = await this.sql.all(
      "SELECT * FROM rate_cards WHERE scope = ? ORDER BY effective_at, id",
      [scope],
    );
    return rows.map(rowToRateCard);
  }

  insertQuote(quote: QuoteRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    const q = quote;
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () =>
        run(
          `INSERT INTO quotes (organization_id, id, rate_card_id, usage, amount, expires_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [q.organizationId, q.id, q.rateCardId, q.usage, q.amount, q.expiresAt, q.createdAt],
        ),
      ),
    );
  }

  async readQuote(organizationId: string, id: string): Promise<QuoteRow | null> {
    const [row] = await this.sql.all("SELECT * FROM quotes WHERE organization_id = ? AND id = ?", [
      organizationId,
      id,
    ]);
    return row === undefined ? null : rowToQuote(row);
  }
}

export const pricingTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE rate_cards (
  scope ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  effective_at ${t.big} NOT NULL,
  minimum_charge ${t.big} NOT NULL,
  prices ${t.text} NOT NULL,
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (scope, id)
)${t.clustered};

CREATE TABLE quotes (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  rate_card_id ${t.text} NOT NULL,
  usage ${t.text} NOT NULL,
  amount ${t.big} NOT NULL,
  expires_at ${t.big} NOT NULL,
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
`;
