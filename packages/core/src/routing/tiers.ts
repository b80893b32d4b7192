/**
 * Complexity tiers, from the lightest work to the heaviest. A routing policy names a preference
 * list of models for each; the order here is the order of "cheaper": a step down goes one tier
 * toward `light`, and the candidates after a tier's own are the cheaper tiers', in this order.
 */
export const tiers = ["light", "standard", "heavy"] as const;
export type Tier = (typeof tiers)[number];

export function isTier(value: unknown): value is Tier {
  return typeof value === "string" && (tiers as readonly string[]).includes(value);
}

export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

/** The heavier of two tiers. */
export function heavierTier(a: Tier, b: Tier): Tier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

/** One tier lighter; `light` stays `light`. */
export function tierBelow(tier: Tier): Tier {
  return tiers[Math.max(0, tierRank(tier) - 1)] ?? "light";
}

/** The tier and every lighter one, heaviest first: the order candidates are offered in. */
export function tiersFrom(tier: Tier): Tier[] {
  return tiers.slice(0, tierRank(tier) + 1).reverse();
}
