/**
 * Complexity tiers, from the lightest work to the heaviest. A routing policy names a preference
 * list of models for each; the order here is the order of "cheaper": a step down goes one tier
 * toward `light`, and the candidates after a tier's own are the cheaper tiers', in this order.
 */
export const complexityTiers = ["light", "standard", "heavy"] as const;
export type ComplexityTier = (typeof complexityTiers)[number];

export function isComplexityTier(value: unknown): value is ComplexityTier {
  return typeof value === "string" && (complexityTiers as readonly string[]).includes(value);
}

export function tierRank(tier: ComplexityTier): number {
  return complexityTiers.indexOf(tier);
}

/** The heavier of two tiers. */
export function heavierTier(a: ComplexityTier, b: ComplexityTier): ComplexityTier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

/** One tier lighter; `light` stays `light`. */
export function tierBelow(tier: ComplexityTier): ComplexityTier {
  return complexityTiers[Math.max(0, tierRank(tier) - 1)] ?? "light";
}

/** The tier and every lighter one, heaviest first: the order candidates are offered in. */
export function tiersFrom(tier: ComplexityTier): ComplexityTier[] {
  return complexityTiers.slice(0, tierRank(tier) + 1).reverse();
}
