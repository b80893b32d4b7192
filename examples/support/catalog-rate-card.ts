/**
 * A rate card from the shipped model catalog, as `creditpool rate-cards publish --credit-value
 * 0.01 --markup 0.2` makes it, for the models an example calls: credits per token = list price
 * per million × (1 + markup) ÷ credit value ÷ 1,000,000, exact (docs/concepts/pricing.md). The
 * conversion is the core's own (`pricesFromCatalog`), so the example prices as the command does.
 */
import { readFileSync } from "node:fs";
import { type Catalog, type CreditTerms, exactDecimal, pricesFromCatalog } from "@creditpool/core";
import type { CreateRateCard } from "@creditpool/sdk";

const catalogUrl = new URL("../../packages/server/catalog/ai-models.json", import.meta.url);

/** The prices of `models`, every meter the catalog lists for each. */
export function catalogPrices(
  models: readonly string[],
  terms: CreditTerms,
): CreateRateCard["prices"] {
  const catalog = JSON.parse(readFileSync(catalogUrl, "utf8")) as Catalog;
  const missing = models.filter((model) => !catalog.models.some((each) => each.model === model));
  if (missing.length > 0) throw new Error(`${missing.join(", ")}: not in the model catalog`);
  const chosen = {
    ...catalog,
    models: catalog.models.filter((each) => models.includes(each.model)),
  };
  return pricesFromCatalog(chosen, terms).map((price) => {
    const tier = price.tiers[0];
    // Micro-credits per unit from the core, credits per unit for the API.
    const decimal =
      tier === undefined
        ? null
        : exactDecimal(tier.price.numerator, tier.price.denominator * 1_000_000n);
    if (decimal === null)
      throw new RangeError(`${price.meter} of ${price.dimensions.model} has no exact price`);
    return { meter: price.meter, dimensions: { ...price.dimensions }, credits_per_unit: decimal };
  });
}
