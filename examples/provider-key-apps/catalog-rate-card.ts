/**
 * A rate card from the shipped model catalog, as `creditpool rate-cards publish --credit-value
 * 0.01 --markup 0.2` makes it, for the models an example calls: credits per token = list price
 * per million × (1 + markup) ÷ credit value ÷ 1,000,000, exact (docs/concepts/pricing.md).
 */
import { readFileSync } from "node:fs";
import type { CreateRateCard } from "@creditpool/sdk";

const catalogUrl = new URL("../../packages/server/catalog/ai-models.json", import.meta.url);

interface CatalogModel {
  readonly model: string;
  readonly per_million: Readonly<Record<string, string>>;
}

/** Money one credit sells for and the markup on list prices, both decimals. */
export interface CreditTerms {
  readonly creditValue: string;
  readonly markup: string;
}

/** The prices of `models`, every meter the catalog lists for each. */
export function catalogPrices(
  models: readonly string[],
  terms: CreditTerms,
): CreateRateCard["prices"] {
  const catalog = JSON.parse(readFileSync(catalogUrl, "utf8")) as { models: CatalogModel[] };
  return models.flatMap((model) => {
    const entry = catalog.models.find((each) => each.model === model);
    if (entry === undefined) throw new Error(`${model} is not in the model catalog`);
    return Object.entries(entry.per_million).map(([meter, perMillion]) => ({
      meter,
      dimensions: { model },
      credits_per_unit: creditsPerToken(perMillion, terms),
    }));
  });
}

/** A decimal as an integer and its count of decimal places: "1.25" is 125 and 2. */
function decimal(text: string): { digits: bigint; places: number } {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new RangeError(`"${text}" is not a decimal`);
  const [whole = "0", fraction = ""] = text.split(".");
  return { digits: BigInt(`${whole}${fraction}`), places: fraction.length };
}

/** Decimal places kept before a price is refused as inexact; catalog prices need far fewer. */
const placesMax = 18;

function creditsPerToken(perMillion: string, terms: CreditTerms): string {
  const price = decimal(perMillion);
  const markup = decimal(terms.markup);
  const value = decimal(terms.creditValue);
  if (value.digits === 0n) throw new RangeError("a credit is worth more than nothing");
  // price × (1 + markup) ÷ value ÷ 10^6, with every decimal point moved out to powers of ten.
  const numerator =
    price.digits * (10n ** BigInt(markup.places) + markup.digits) * 10n ** BigInt(value.places);
  const denominator = 10n ** BigInt(price.places + markup.places + 6) * value.digits;
  const shifted = numerator * 10n ** BigInt(placesMax);
  const scaled = shifted / denominator;
  if (shifted % denominator !== 0n) {
    throw new RangeError(`${perMillion} per million has no exact price in credits`);
  }
  const text = scaled.toString().padStart(placesMax + 1, "0");
  const whole = text.slice(0, -placesMax);
  const fraction = text.slice(-placesMax).replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}
