/**
 * From a catalog of model list prices (money per million tokens) to rate-card prices in credits:
 * credits per unit = money per unit × (1 + markup) ÷ money per credit, kept exact. The list
 * price is what the provider charges, so each price also carries it as its cost per unit.
 */
import type { Rational } from "../amount.ts";
import type { MeterPrice } from "./rate-card.ts";
import { parseRational, rational } from "./rational.ts";

export interface CatalogModel {
  readonly provider: string;
  readonly model: string;
  /** Money per million tokens, as decimal strings, for each token meter the model has. */
  readonly per_million: Readonly<Record<string, string>>;
  readonly effective: string;
  readonly source: string;
  /** The most output tokens one request may produce (0 for embeddings), and where it was published. */
  readonly max_output_tokens?: number;
  readonly max_output_tokens_source?: string;
}

export interface Catalog {
  readonly currency: string;
  readonly models: readonly CatalogModel[];
}

export interface CreditTerms {
  /** Money one credit is sold for, e.g. "0.01". */
  readonly creditValue: string;
  /** Added on top of list prices, e.g. "0.2" for 20 %. */
  readonly markup: string;
}

const microsPerCredit = 1_000_000n;
const tokensPerMillion = 1_000_000n;

function required(text: string, what: string): Rational {
  const parsed = parseRational(text);
  if (parsed === null) throw new RangeError(`${what} "${text}" is not a non-negative decimal`);
  return parsed;
}

/**
 * One price per model and meter, dimension `model`. Micro-credits per token =
 * money per million × (1 + markup) × 10^6 micro-credits ÷ (money per credit × 10^6 tokens); the
 * cost in micro-units of the catalog's currency per token is the money per million itself.
 */
export function pricesFromCatalog(catalog: Catalog, terms: CreditTerms): MeterPrice[] {
  const value = required(terms.creditValue, "credit value");
  const markup = required(terms.markup, "markup");
  if (value.numerator === 0n) throw new RangeError("a credit is worth more than nothing");
  const prices: MeterPrice[] = [];
  for (const entry of catalog.models) {
    for (const [meter, text] of Object.entries(entry.per_million)) {
      const money = required(text, `${entry.model} ${meter}`);
      const numerator =
        money.numerator *
        (markup.denominator + markup.numerator) *
        microsPerCredit *
        value.denominator;
      const denominator =
        money.denominator * markup.denominator * value.numerator * tokensPerMillion;
      prices.push({
        meter,
        dimensions: { model: entry.model },
        tiers: [{ upTo: null, price: rational(numerator, denominator), cost: money }],
      });
    }
  }
  return prices;
}
