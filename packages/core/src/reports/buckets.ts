/**
 * Usage buckets: the credits of the transfers that consume (measures `consumed`, `overage` and
 * `debt` of `../totals.ts`) summed by span, start, consuming pool, dimension, value and cost
 * basis, so that a report by member, key, model, meter or tag over any span reads a few rows.
 *
 * Dimensions: `""` counts each transfer once by pool alone; `member`, `key`, `model` and `meter`
 * count it once more each (value `(none)` when the attribution has none); `tag:<key>` counts it
 * once for each tag it carries (an untagged transfer has no row there: a reader finds it as the
 * pool-only row minus the tagged ones). A transfer's meters share out its amount by largest
 * remainder, so the shares sum to it exactly.
 *
 * Money is credits × cost basis at read time, as for the ledger totals. Credits no grant covered
 * (overage, debt) have no cost basis: their `costBasis` is null ("uncovered").
 *
 * Each bucket also sums the provider cost its transfers carry (micro-units of the rate card's
 * cost currency) and the credits of those that carry one, whatever its amount (`costedCredits`):
 * credits less costed credits had no provider cost to set against them. The dimension
 * `rate_card` counts each transfer once more by the rate-card version that priced it.
 */
import type { Micros } from "../amount.ts";
import type { ProviderCost, Transfer } from "../model.ts";
import { type GrantBasis, measureOf, type Span, spanStart } from "../totals.ts";
import { largestRemainder } from "./shares.ts";

/** The value of a dimension a transfer has nothing for (no member, no model, no meters). */
export const noneValue = "(none)";

export const plainDimensions = ["", "member", "key", "model", "meter", "rate_card"] as const;

/** `""` (pool only), `member`, `key`, `model`, `meter`, `rate_card` or `tag:<key>`. */
export type Dimension = (typeof plainDimensions)[number] | `tag:${string}`;

export interface UsageBucketKey {
  readonly span: Span;
  readonly start: number;
  readonly poolId: string;
  readonly dimension: Dimension;
  readonly value: string;
  /** Micro-units of currency per credit; null for credits no grant covered. */
  readonly costBasis: Micros | null;
}

export interface UsageBucket extends UsageBucketKey {
  readonly credits: Micros;
  /** Micro-units of currency the transfers' provider costs sum to. */
  readonly providerCost: Micros;
  /** The credits of the transfers that carry a provider cost. */
  readonly costedCredits: Micros;
  /** The first journal sequence the bucket holds. */
  readonly firstSequence: number;
}

export function bucketKeyText(key: UsageBucketKey): string {
  const { span, start, poolId, dimension, value, costBasis } = key;
  return `${span}|${start}|${poolId}|${dimension}|${value}|${costBasis ?? "uncovered"}`;
}

/** One figure a consuming transfer adds to a dimension's value. */
export interface UsagePart {
  readonly dimension: Dimension;
  readonly value: string;
  readonly credits: Micros;
  readonly providerCost: Micros;
  readonly costedCredits: Micros;
}

/**
 * What a consuming transfer adds, as parts by dimension and value; none for a transfer that does
 * not consume. A transfer with a provider cost shares it over its meters by the event's cost
 * split, as its credits by the credit split.
 */
export function consumptionOf(
  transfer: Transfer,
  grant: GrantBasis | null,
): { costBasis: Micros | null; parts: UsagePart[] } | null {
  const found = measureOf(transfer, grant);
  if (found === null) return null;
  if (found.measure !== "consumed" && found.measure !== "overage" && found.measure !== "debt")
    return null;
  const attribution = transfer.attribution;
  const amount = transfer.amount;
  const cost = attribution?.cost;
  const providerCost = cost?.amount ?? 0n;
  const costed = cost === undefined ? 0n : amount;
  const whole = (dimension: Dimension, value: string): UsagePart => ({
    dimension,
    value,
    credits: amount,
    providerCost,
    costedCredits: costed,
  });
  const parts: UsagePart[] = [
    whole("", ""),
    whole("member", attribution?.memberId ?? noneValue),
    whole("key", attribution?.keyId ?? noneValue),
    whole("model", attribution?.model ?? noneValue),
    whole("rate_card", transfer.rateCardVersion ?? noneValue),
    ...meterParts(amount, attribution?.meters ?? {}, cost),
  ];
  for (const [tag, value] of Object.entries(attribution?.tags ?? {}))
    parts.push(whole(`tag:${tag}`, value));
  const costBasis = found.measure === "consumed" ? (grant?.costBasis ?? 0n) : null;
  return { costBasis, parts };
}

/**
 * A transfer's credits and provider cost by meter, each shared out by its own split; a transfer
 * with no split counts once under `(none)`.
 */
function meterParts(
  amount: Micros,
  meters: Readonly<Record<string, Micros>>,
  cost: ProviderCost | undefined,
): UsagePart[] {
  const credits = new Map(largestRemainder(amount, meters));
  if (credits.size === 0) credits.set(noneValue, amount);
  const costs = new Map(cost === undefined ? [] : largestRemainder(cost.amount, cost.meters));
  if (cost !== undefined && costs.size === 0 && cost.amount > 0n) {
    // A cost with no split: it belongs with the credits when they have one meter.
    const [only] = credits.keys();
    if (credits.size === 1 && only !== undefined) costs.set(only, cost.amount);
    else costs.set(noneValue, cost.amount);
  }
  const names = new Set([...credits.keys(), ...costs.keys()]);
  return [...names].map((meter) => {
    const share = credits.get(meter) ?? 0n;
    return {
      dimension: "meter",
      value: meter,
      credits: share,
      providerCost: costs.get(meter) ?? 0n,
      costedCredits: cost === undefined ? 0n : share,
    };
  });
}

type Sum = { -readonly [field in keyof UsageBucket]: UsageBucket[field] };

/**
 * Sums consuming transfers into hour buckets with the day and month buckets they add to: what a
 * step of the projection stores. `grantOf` answers for every grant id a transfer names.
 */
export function sumUsage(
  transfers: readonly Transfer[],
  grantOf: (grantId: string) => GrantBasis | undefined,
  spans: readonly Span[] = ["hour", "day", "month"],
): UsageBucket[] {
  // Hours first, then days and months from the hours: a page of transfers makes far fewer hour
  // buckets than it has parts, and each part is summed once, not once per span.
  const hours = sumHours(transfers, grantOf);
  const rows: UsageBucket[] = spans.includes("hour") ? [...hours] : [];
  for (const span of spans) if (span !== "hour") rows.push(...rolledUp(hours, span));
  return rows;
}

function sumHours(
  transfers: readonly Transfer[],
  grantOf: (grantId: string) => GrantBasis | undefined,
): Sum[] {
  const sums = new Map<string, Sum>();
  for (const transfer of transfers) {
    const grant = transfer.grantId === null ? null : (grantOf(transfer.grantId) ?? null);
    if (transfer.grantId !== null && grant === null)
      throw new Error(`transfer ${transfer.sequence} names unknown grant ${transfer.grantId}`);
    const consumption = consumptionOf(transfer, grant);
    if (consumption === null) continue;
    const { poolId, sequence } = transfer;
    const { costBasis, parts } = consumption;
    const start = spanStart("hour", transfer.at);
    const head = `${start}|${poolId}|${costBasis ?? "uncovered"}|`;
    for (const { dimension, value, credits, providerCost, costedCredits } of parts) {
      if (credits === 0n && providerCost === 0n) continue;
      const text = `${head}${dimension}|${value}`;
      const sum = sums.get(text);
      if (sum !== undefined) {
        sum.credits += credits;
        sum.providerCost += providerCost;
        sum.costedCredits += costedCredits;
      } else {
        const span = "hour";
        const firstSequence = sequence;
        sums.set(text, {
          span,
          start,
          poolId,
          dimension,
          value,
          costBasis,
          credits,
          providerCost,
          costedCredits,
          firstSequence,
        });
      }
    }
  }
  return [...sums.values()];
}

function rolledUp(hours: readonly Sum[], span: Span): Sum[] {
  const sums = new Map<string, Sum>();
  const starts = new Map<number, number>();
  for (const hour of hours) {
    const start = starts.get(hour.start) ?? spanStart(span, hour.start);
    starts.set(hour.start, start);
    const text = `${start}|${hour.poolId}|${hour.costBasis ?? "uncovered"}|${hour.dimension}|${hour.value}`;
    const sum = sums.get(text);
    if (sum === undefined) sums.set(text, { ...hour, span, start });
    else {
      sum.credits += hour.credits;
      sum.providerCost += hour.providerCost;
      sum.costedCredits += hour.costedCredits;
      sum.firstSequence = Math.min(sum.firstSequence, hour.firstSequence);
    }
  }
  return [...sums.values()];
}

/**
 * Rows of a tag dimension with the untagged part made explicit: for each pool-only row, a
 * `(none)` row of its credits minus those of the tag's rows with the same span, start, pool and
 * cost basis. Summed by value, they add up to the pool-only rows.
 */
export function withUntagged(
  dimension: `tag:${string}`,
  poolRows: readonly UsageBucket[],
  tagRows: readonly UsageBucket[],
): UsageBucket[] {
  const untagged = new Map<string, UsageBucket>();
  const keyOf = (row: UsageBucket) => bucketKeyText({ ...row, dimension: "", value: "" });
  for (const row of poolRows) untagged.set(keyOf(row), { ...row, dimension, value: noneValue });
  for (const row of tagRows) {
    const key = keyOf(row);
    const before = untagged.get(key);
    untagged.set(
      key,
      before === undefined
        ? {
            ...row,
            dimension,
            value: noneValue,
            credits: -row.credits,
            providerCost: -row.providerCost,
            costedCredits: -row.costedCredits,
          }
        : {
            ...before,
            credits: before.credits - row.credits,
            providerCost: before.providerCost - row.providerCost,
            costedCredits: before.costedCredits - row.costedCredits,
          },
    );
  }
  return [
    ...tagRows,
    ...[...untagged.values()].filter((row) => row.credits !== 0n || row.providerCost !== 0n),
  ];
}

/**
 * `withUntagged` of two reads that must show the journal at one point: null when a `(none)` row
 * would be negative, which only a pool-only read older than the tag's read makes (the tagged
 * part of a bucket never exceeds its whole). The caller reads again; it never clamps.
 */
export function untaggedOfOneRead(
  dimension: `tag:${string}`,
  poolRows: readonly UsageBucket[],
  tagRows: readonly UsageBucket[],
): UsageBucket[] | null {
  const rows = withUntagged(dimension, poolRows, tagRows);
  return rows.some((row) => row.value === noneValue && row.credits < 0n) ? null : rows;
}
