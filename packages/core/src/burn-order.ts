/**
 * The order in which a pool's grants are drawn: lower priority number first, then soonest expiry
 * (no expiry last), then lower cost basis (promotional before paid), then earlier effective time,
 * then lower id. Every tie is broken, so the order is total and the same on every node.
 */
import type { Grant } from "./model.ts";

export function compareBurnOrder(a: Grant, b: Grant): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1;
    if (b.expiresAt === null) return -1;
    return a.expiresAt - b.expiresAt;
  }
  if (a.costBasis !== b.costBasis) return a.costBasis < b.costBasis ? -1 : 1;
  if (a.effectiveAt !== b.effectiveAt) return a.effectiveAt - b.effectiveAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Inserts `grant` into `ordered` (already in burn order) at its place. */
export function insertInBurnOrder(ordered: Grant[], grant: Grant): void {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const candidate = ordered[middle];
    if (candidate !== undefined && compareBurnOrder(candidate, grant) < 0) low = middle + 1;
    else high = middle;
  }
  ordered.splice(low, 0, grant);
}

/** Whether the grant may be drawn at `now`: effective, not expired, not voided, not empty. */
export function isDrawable(grant: Grant, now: number): boolean {
  return (
    grant.closed === null &&
    grant.remaining > 0n &&
    grant.effectiveAt <= now &&
    (grant.expiresAt === null || now < grant.expiresAt)
  );
}
