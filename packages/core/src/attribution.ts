/**
 * Attribution: who and what consumption was for (member, key, model, the priced event's split by
 * meter, and tags), kept on every transfer that consumes so reports group by it. Tags are checked
 * here once for every edge that takes them (the API's bodies, the gateway's header).
 */
import type { Micros, Rational } from "./amount.ts";
import { limits } from "./limits.ts";
import type { Attribution, ProviderCost } from "./model.ts";
import { textProblem } from "./text.ts";

export type Tags = Readonly<Record<string, string>>;
export type Meters = Readonly<Record<string, Micros>>;

const tagKeyPattern = /^[a-z][a-z0-9_.-]*$/;

/** The transfer kinds that consume: they, and only they, carry an attribution. */
export const consumingKinds = ["capture", "usage", "debt"] as const;

/** Why a tag's key is not acceptable, or null: a lowercase word of at most `tagKeyLengthMax`. */
export function tagKeyProblem(key: string): string | null {
  if (key.length > limits.tagKeyLengthMax || !tagKeyPattern.test(key))
    return `a tag's key is a lowercase word (a-z first, then a-z, 0-9, _ . -) of at most ${limits.tagKeyLengthMax} characters`;
  return null;
}

/** Why a tag's value is not acceptable, or null: printable text of 1 to `tagValueLengthMax`. */
export function tagValueProblem(value: string): string | null {
  const problem = textProblem(value, limits.tagValueLengthMax);
  return problem === null ? null : `a tag's value ${problem}`;
}

/** Why a set of tags is not acceptable (count, each key, each value), or null. */
export function tagsProblem(tags: Tags): string | null {
  const entries = Object.entries(tags);
  if (entries.length > limits.tagsMax) return `must have at most ${limits.tagsMax} tags`;
  for (const [key, value] of entries) {
    if (typeof value !== "string") return `the tag ${key} must have a text value`;
    const problem = tagKeyProblem(key) ?? tagValueProblem(value);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Why a split by meter does not describe a priced event of `amount`, or null: at most
 * `usageMetersPerEventMax` meters, each named as a meter is and non-negative, summing to `amount`
 * exactly. An empty split is always acceptable (the event was priced as a plain amount).
 */
export function metersProblem(meters: Meters, amount: Micros): string | null {
  const entries = Object.entries(meters);
  if (entries.length === 0) return null;
  if (entries.length > limits.usageMetersPerEventMax)
    return `must have at most ${limits.usageMetersPerEventMax} meters`;
  let sum = 0n;
  for (const [meter, share] of entries) {
    const problem = textProblem(meter, limits.dimensionNameLengthMax);
    if (problem !== null) return `a meter's name ${problem}`;
    if (typeof share !== "bigint" || share < 0n) return `the meter ${meter} must not be negative`;
    sum += share;
  }
  return sum === amount ? null : "must sum to the amount";
}

/** The parts of an attribution a command or a hold gives; absent ones are none. */
export interface AttributionParts {
  readonly memberId?: string | null | undefined;
  readonly keyId?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly meters?: Meters | undefined;
  readonly tags?: Tags | undefined;
  readonly cost?: ProviderCost | undefined;
}

/** A full attribution from its parts: absent members and models are null, absent maps empty. */
export function attributionOf(parts: AttributionParts): Attribution {
  return {
    memberId: parts.memberId ?? null,
    keyId: parts.keyId ?? null,
    model: parts.model ?? null,
    meters: parts.meters ?? {},
    tags: parts.tags ?? {},
    ...(parts.cost === undefined ? {} : { cost: parts.cost }),
  };
}

/**
 * `total` shared out over `weights` in proportion, by largest remainder: each share is the floor
 * of its exact part, and the micro-credits left go one each to the largest remainders (ties to the
 * name that sorts first), so the shares sum to `total` exactly. With no positive weight, nothing
 * can be shared: the answer is empty.
 */
export function shareByLargestRemainder(
  total: Micros,
  weights: Readonly<Record<string, Rational>>,
): Record<string, Micros> {
  const names = Object.keys(weights).sort();
  const denominator = names.reduce((product, name) => {
    const weight = weights[name];
    return weight === undefined ? product : lcm(product, weight.denominator);
  }, 1n);
  const scaled = names.map((name) => {
    const weight = weights[name] ?? { numerator: 0n, denominator: 1n };
    return weight.numerator * (denominator / weight.denominator);
  });
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || total < 0n) return {};
  const floors = scaled.map((weight) => (total * weight) / sum);
  const remainders = scaled.map((weight, at) => ({
    at,
    remainder: (total * weight) % sum,
  }));
  let left = total - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.at - b.at : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { at } of remainders) {
    if (left === 0n) break;
    floors[at] = (floors[at] ?? 0n) + 1n;
    left -= 1n;
  }
  return Object.fromEntries(names.map((name, at) => [name, floors[at] ?? 0n]));
}

/**
 * An event's provider cost shared out over the transfers that carry its parts, in proportion to
 * their amounts (largest remainder, so the shares sum to the cost exactly): one share per amount,
 * in order. Each transfer's attribution keeps its share and the event's split by meter.
 */
export function shareCost(cost: Micros, amounts: readonly Micros[]): Micros[] {
  const weights: Record<string, Rational> = {};
  const name = (at: number) => at.toString().padStart(8, "0");
  amounts.forEach((amount, at) => {
    weights[name(at)] = { numerator: amount, denominator: 1n };
  });
  const shares = shareByLargestRemainder(cost, weights);
  return amounts.map((_, at) => shares[name(at)] ?? 0n);
}

/** The cost with `amount` in place of its own, keeping the currency and the split by meter. */
export function costOfPart(cost: ProviderCost | undefined, amount: Micros) {
  return cost === undefined ? undefined : { ...cost, amount };
}

/**
 * Why a provider cost is not acceptable, or null: a currency of three capital letters, an amount
 * from 0 to `amountMicrosMax`, and a split by meter that sums to it (`metersProblem`).
 */
export function costProblem(cost: ProviderCost): string | null {
  if (!/^[A-Z]{3}$/.test(cost.currency)) return "its currency must be an ISO 4217 code";
  if (cost.amount < 0n || cost.amount > limits.amountMicrosMax)
    return `must be from 0 to ${limits.amountMicrosMax} micro-units`;
  const problem = metersProblem(cost.meters, cost.amount);
  return problem === null ? null : `its split by meter ${problem}`;
}

/**
 * `amount` shared out over a split by meter in proportion (largest remainder): the part of an
 * event a transfer or a capture carries, by meter. Empty when the split is.
 */
export function shareMeters(amount: Micros, meters: Meters): Record<string, Micros> {
  const weights: Record<string, Rational> = {};
  for (const [meter, share] of Object.entries(meters))
    weights[meter] = { numerator: share, denominator: 1n };
  return shareByLargestRemainder(amount, weights);
}

/** A transfer's own amount by meter, from its attribution's split (empty when it has none). */
export function metersOfTransfer(amount: Micros, attribution: Attribution): Record<string, Micros> {
  return shareMeters(amount, attribution.meters);
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
