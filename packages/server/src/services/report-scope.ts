/**
 * What every usage report starts from: the permission, the pool it reports on (the one asked
 * for, else the key's pool, else the root) checked against the key's reach, that pool's subtree,
 * and the usage buckets of one dimension over the span, summed first to the journal's end
 * (bounded) and kept to the subtree.
 */
import {
  type Dimension,
  type Interval,
  intervalCount,
  limits,
  type Parents,
  spanFor,
  subtreeOf,
  type UsageBucket,
} from "@creditpool/core";
import { hasPermission, type Principal, requirePermission } from "../access/principal.ts";
import type { Permission } from "../access/roles.ts";
import { Refusal } from "../refusal.ts";
import type { NamedKind } from "../store/usage-buckets.ts";
import type { ServiceContext } from "./context.ts";
import { currencyOf } from "./revenue.ts";
import type { UsageBuckets } from "./usage-buckets.ts";

export interface ReportScope {
  readonly organizationId: string;
  readonly rootPoolId: string;
  /** The pool reported on. */
  readonly poolId: string;
  readonly parents: Parents;
  readonly subtree: ReadonlySet<string>;
  readonly currency: string | null;
  /** Who asks: the names a report shows depend on its permissions and reach. */
  readonly principal: Principal;
}

export interface Reach {
  readonly summedTo: number;
  readonly complete: boolean;
}

export async function reportScope(
  context: ServiceContext,
  principal: Principal,
  pool: string | null,
): Promise<ReportScope> {
  const organizationId = requirePermission(principal, "transfers.read");
  const organization = await context.store.readOrganization(organizationId);
  if (organization === null) throw new Refusal("organization_not_found");
  const poolId = pool ?? principal.poolId ?? organization.rootPoolId;
  await context.tree.require(principal, organizationId, poolId);
  const parents = await context.store.readPoolParents(organizationId);
  return {
    organizationId,
    rootPoolId: organization.rootPoolId,
    poolId,
    parents,
    subtree: subtreeOf(parents, poolId),
    currency: await currencyOf(context, organizationId),
    principal,
  };
}

export function requireSpan(span: { from: number; to: number }, interval?: Interval): void {
  if (span.to <= span.from) throw new Refusal("invalid_request", "Must be after from.", "to");
  if (interval === undefined) return;
  const count = intervalCount(interval, span.from, span.to, limits.reportPeriodsMax);
  if (count > limits.reportPeriodsMax)
    throw new Refusal(
      "invalid_request",
      `Makes more than ${limits.reportPeriodsMax} periods of the span: choose a longer interval or a shorter span.`,
      "interval",
    );
}

/** The buckets of `dimension` over the span in the scope's subtree, summed to the journal's end. */
export async function readBuckets(
  buckets: UsageBuckets,
  scope: ReportScope,
  dimension: Dimension,
  span: { from: number; to: number; interval: Interval },
): Promise<{ rows: UsageBucket[]; reach: Reach }> {
  const reached = await buckets.catchUp(scope.organizationId);
  const read = await buckets.between(
    scope.organizationId,
    dimension,
    { from: span.from, to: span.to, coarsest: spanFor(span.interval) },
    reached.summedTo,
  );
  return {
    rows: read.buckets.filter((bucket) => scope.subtree.has(bucket.poolId)),
    reach: { summedTo: reached.summedTo, complete: reached.complete && read.complete },
  };
}

/**
 * As `readBuckets`, summed in the store across the subtree's pools: one row per start, value and
 * cost basis, each with the scope's pool id; only the values `values` when given. A read that
 * follows another of the same report passes its `reach` so both sum the journal to one sequence.
 */
export async function readSums(
  buckets: UsageBuckets,
  scope: ReportScope,
  dimension: Dimension,
  span: { from: number; to: number; interval: Interval },
  options: { values?: readonly string[]; reach?: Reach } = {},
): Promise<{ rows: UsageBucket[]; reach: Reach }> {
  const { values } = options;
  const reached = options.reach ?? (await buckets.catchUp(scope.organizationId));
  // The whole organization needs no list of pools.
  const pools = scope.subtree.size === scope.parents.size ? null : [...scope.subtree];
  const read = await buckets.between(
    scope.organizationId,
    dimension,
    { from: span.from, to: span.to, coarsest: spanFor(span.interval) },
    reached.summedTo,
    values === undefined ? { pools } : { pools, values },
  );
  return {
    rows: read.buckets.map((bucket) => ({ ...bucket, poolId: scope.poolId })),
    reach: { summedTo: reached.summedTo, complete: reached.complete && read.complete },
  };
}

/** What a principal must hold to see the names of each kind in a report. */
const namePermissions: Record<NamedKind, Permission> = {
  member: "members.read",
  key: "keys.read",
  pool: "transfers.read",
};

/**
 * Names of the ids that have one, in one read (at most `limits.reportGroupsMax` + a few ids), of
 * those the principal may read: members' names with `members.read`, keys' with `keys.read`, and
 * for a key bound to a pool only of the members and keys placed inside its subtree (one of the
 * whole organization is outside every subtree). Pools of the scope are in the subtree already.
 */
export async function namesOf(
  context: ServiceContext,
  scope: ReportScope,
  kind: NamedKind | null,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (kind === null || !hasPermission(scope.principal, namePermissions[kind])) return new Map();
  const named = ids.filter((id) => !id.startsWith("("));
  const read = await context.store.readNames(scope.organizationId, kind, named);
  const reach =
    scope.principal.poolId === null ? null : subtreeOf(scope.parents, scope.principal.poolId);
  const names = new Map<string, string>();
  for (const [id, { name, poolId }] of read) {
    if (reach === null || (poolId !== null && reach.has(poolId))) names.set(id, name);
  }
  return names;
}
