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
 */
import type { Micros } from "../amount.ts";
import type { Transfer } from "../model.ts";
import { type GrantBasis, measureOf, type Span, spanStart } from "../totals.ts";
import { largestRemainder } from "./shares.ts";

/** The value of a dimension a transfer has nothing for (no member, no model, no meters). */
export const noneValue = "(none)";

export const plainDimensions = ["", "member", "key", "model", "meter"] as const;

/** `""` (pool only), `member`, `key`, `model`, `meter` or `tag:<key>`. */
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
  /** The first journal sequence the bucket holds. */
  readonly firstSequence: number;
}

export function bucketKeyText(key: UsageBucketKey): string {
  const { span, start, poolId, dimension, value, costBasis } = key;
  return `${span}|${start}|${poolId}|${dimension}|${value}|${costBasis ?? "uncovered"}`;
}

/**
 * What a consuming transfer adds, as (dimension, value, credits) triples; none for a transfer
 * that does not consume.
 */
export function consumptionOf(
  transfer: Transfer,
  grant: GrantBasis | null,
): { costBasis: Micros | null; parts: [Dimension, string, Micros][] } | null {
  const found = measureOf(transfer, grant);
  if (found === null) return null;
  if (found.measure !== "consumed" && found.measure !== "overage" && found.measure !== "debt")
    return null;
  const attribution = transfer.attribution;
  const amount = transfer.amount;
  const parts: [Dimension, string, Micros][] = [
    ["", "", amount],
    ["member", attribution?.memberId ?? noneValue, amount],
    ["key", attribution?.keyId ?? noneValue, amount],
    ["model", attribution?.model ?? noneValue, amount],
  ];
  const meters = largestRemainder(amount, attribution?.meters ?? {});
  if (meters.length === 0) parts.push(["meter", noneValue, amount]);
  for (const [meter, share] of meters) parts.push(["meter", meter, share]);
  for (const [tag, value] of Object.entries(attribution?.tags ?? {}))
    parts.push([`tag:${tag}`, value, amount]);
  const costBasis = found.measure === "consumed" ? (grant?.costBasis ?? 0n) : null;
  return { costBasis, parts };
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
    for (const [dimension, value, credits] of parts) {
      if (credits === 0n) continue;
      const text = `${head}${dimension}|${value}`;
      const sum = sums.get(text);
      if (sum !== undefined) sum.credits += credits;
      else {
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
        ? { ...row, dimension, value: noneValue, credits: -row.credits }
        : { ...before, credits: before.credits - row.credits },
    );
  }
  return [...tagRows, ...[...untagged.values()].filter((row) => row.credits !== 0n)];
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
