/**
 * Usage buckets in process memory, with the databases' contract (`../usage-buckets.ts`): a step
 * adds its buckets and moves the checkpoint together, or does nothing when the checkpoint moved.
 */
import { bucketKeyText, type Dimension, type Span, type UsageBucket } from "@creditpool/core";
import type { Behind } from "../totals.ts";
import {
  bucketsReadDefault,
  matchesFilter,
  sumAcrossPools,
  type UsageBucketStore,
  type UsageFilter,
} from "../usage-buckets.ts";
import { compare } from "./kept.ts";
import type { TotalsHost } from "./memory-totals.ts";

/** The names part is the memory store's own (it keeps the directory). */
export class MemoryUsageBuckets implements Omit<UsageBucketStore, "readNames"> {
  private readonly checkpoints = new Map<string, number>();
  /** Per organization, per `span|dimension`, the buckets by key. */
  private readonly buckets = new Map<string, Map<string, Map<string, UsageBucket>>>();

  constructor(private readonly host: TotalsHost) {}

  async usageCheckpoint(organizationId: string): Promise<number> {
    return this.checkpoints.get(organizationId) ?? 0;
  }

  addUsageBuckets(
    organizationId: string,
    from: number,
    to: number,
    buckets: readonly UsageBucket[],
  ): Promise<boolean> {
    return this.host.lock.run(async () => {
      if ((this.checkpoints.get(organizationId) ?? 0) !== from) return false;
      this.checkpoints.set(organizationId, to);
      const kept = this.buckets.get(organizationId) ?? new Map();
      this.buckets.set(organizationId, kept);
      for (const bucket of buckets) {
        const shelf = `${bucket.span}|${bucket.dimension}`;
        const rows = kept.get(shelf) ?? new Map<string, UsageBucket>();
        kept.set(shelf, rows);
        const key = bucketKeyText(bucket);
        const before = rows.get(key);
        rows.set(
          key,
          before === undefined
            ? { ...bucket }
            : {
                ...before,
                credits: before.credits + bucket.credits,
                providerCost: before.providerCost + bucket.providerCost,
                costedCredits: before.costedCredits + bucket.costedCredits,
              },
        );
      }
      return true;
    });
  }

  async readUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    rowsMax = bucketsReadDefault,
  ): Promise<UsageBucket[]> {
    const rows = this.buckets.get(organizationId)?.get(`${span}|${dimension}`)?.values() ?? [];
    const read: UsageBucket[] = [];
    for (const bucket of rows) {
      if (read.length === rowsMax) break;
      if (bucket.start >= from && bucket.start < to) read.push({ ...bucket });
    }
    return read;
  }

  async sumUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    filter: UsageFilter,
    rowsMax = bucketsReadDefault,
  ): Promise<UsageBucket[]> {
    const rows = this.buckets.get(organizationId)?.get(`${span}|${dimension}`)?.values() ?? [];
    const within = [...rows].filter((bucket) => bucket.start >= from && bucket.start < to);
    return sumAcrossPools(within.filter(matchesFilter(filter))).slice(0, rowsMax);
  }

  async organizationsBehindUsage(limit: number, after = ""): Promise<Behind[]> {
    const behind: Behind[] = [];
    for (const [organizationId, nextSequence] of this.host.nextSequences()) {
      if (compare(organizationId, after) <= 0) continue;
      const summedTo = this.checkpoints.get(organizationId) ?? 0;
      if (nextSequence - 1 > summedTo) behind.push({ organizationId, summedTo });
    }
    return behind.sort((a, b) => compare(a.organizationId, b.organizationId)).slice(0, limit);
  }
}
