/**
 * Which pools a key reaches, without loading the ledger: a pool's parent never changes and pools
 * are never deleted, so each organization's tree (ids and parents only) is cached for good and
 * read again only when a request names a pool it has not seen. A whole request's pools are
 * resolved together with at most one read; ids that were still unknown after a read are
 * remembered for a while (a negative cache), so a request, or a stream of them, naming pools that
 * do not exist costs no read at all. Pool ids are made by the engine, so an id unknown now can
 * only become known by a pool made after it was asked for, which nobody can name in advance.
 */

import { limits } from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import type { Store } from "../store/port.ts";
import type { Principal } from "./principal.ts";

/** How long an id found nowhere is answered as unknown without reading the store again. */
export const unknownPoolMemoryMs = 60_000;
/** Unknown ids remembered per organization; past it the memory starts over. */
const unknownPoolsPerOrganizationMax = 10_000;
/** Organizations whose tree stays cached; the least recently used is dropped past it. */
const treesCachedMax = 10_000;

interface Tree {
  readonly parents: Map<string, string | null>;
  /** Ids found in no read, with when that was learnt. */
  readonly unknown: Map<string, number>;
}

export class PoolTree {
  private readonly trees = new Map<string, Tree>();
  /** Reads of the store's tree, for tests that count them. */
  reads = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  /** Whether `poolId` is in the organization and, for a bound key, in its subtree. */
  async reaches(principal: Principal, organizationId: string, poolId: string): Promise<boolean> {
    return (await this.reachable(principal, organizationId, [poolId])).has(poolId);
  }

  /** The pools of `poolIds` that the key reaches, with at most one read of the store. */
  async reachable(
    principal: Principal,
    organizationId: string,
    poolIds: Iterable<string>,
  ): Promise<Set<string>> {
    const wanted = new Set(poolIds);
    const tree = await this.resolve(organizationId, wanted);
    const found = new Set<string>();
    for (const id of wanted) if (within(tree.parents, principal.poolId, id)) found.add(id);
    return found;
  }

  /**
   * Whether `poolId` lies strictly below the pool the key is bound to: what a bound key may
   * manage. An unbound key manages the whole tree, its root included.
   */
  async below(principal: Principal, organizationId: string, poolId: string): Promise<boolean> {
    if (!(await this.reaches(principal, organizationId, poolId))) return false;
    return principal.poolId === null || principal.poolId !== poolId;
  }

  /**
   * Whether an object bound to `poolId` (null: the whole organization) lies within the key's
   * reach: an unbound key reaches everything; a bound key only objects bound inside its subtree.
   */
  async covers(principal: Principal, organizationId: string, poolId: string | null) {
    if (principal.poolId === null) return true;
    return poolId !== null && this.reaches(principal, organizationId, poolId);
  }

  /** A pool outside the key's reach is answered as if it did not exist. */
  async require(principal: Principal, organizationId: string, poolId: string, param = "pool") {
    if (!(await this.reaches(principal, organizationId, poolId))) {
      throw new Refusal("pool_not_found", undefined, param);
    }
  }

  /**
   * The pool and its ancestors up to the root, nearest first, from the cached tree (read again
   * at most once); null when the organization has no such pool.
   */
  async pathOf(organizationId: string, poolId: string): Promise<string[] | null> {
    const tree = await this.resolve(organizationId, new Set([poolId]));
    if (!tree.parents.has(poolId)) return null;
    const path: string[] = [];
    for (let id: string | null = poolId; id !== null && path.length <= limits.poolDepthMax; ) {
      path.push(id);
      id = tree.parents.get(id) ?? null;
    }
    return path;
  }

  /** The organization's tree, read again at most once if it lacks one of `ids`. */
  private async resolve(organizationId: string, ids: ReadonlySet<string>): Promise<Tree> {
    const tree = this.cached(organizationId);
    const now = this.clock();
    const unseen = [...ids].filter((id) => !tree.parents.has(id) && !isKnownUnknown(tree, id, now));
    if (unseen.length === 0) return tree;
    const fresh = await this.reload(organizationId, tree);
    for (const id of unseen) if (!fresh.parents.has(id)) rememberUnknown(fresh, id, now);
    return fresh;
  }

  private cached(organizationId: string): Tree {
    const tree = this.trees.get(organizationId);
    if (tree === undefined) return { parents: new Map(), unknown: new Map() };
    // Most recently used last, so the first entry is the one to drop.
    this.trees.delete(organizationId);
    this.trees.set(organizationId, tree);
    return tree;
  }

  private async reload(organizationId: string, previous: Tree): Promise<Tree> {
    this.reads += 1;
    const tree = {
      parents: await this.store.readPoolParents(organizationId),
      unknown: previous.unknown,
    };
    this.trees.delete(organizationId);
    this.trees.set(organizationId, tree);
    if (this.trees.size > treesCachedMax) {
      const oldest = this.trees.keys().next();
      if (oldest.done !== true) this.trees.delete(oldest.value);
    }
    return tree;
  }
}

function isKnownUnknown(tree: Tree, id: string, now: number): boolean {
  const learnt = tree.unknown.get(id);
  return learnt !== undefined && now - learnt < unknownPoolMemoryMs;
}

function rememberUnknown(tree: Tree, id: string, now: number): void {
  if (tree.unknown.size >= unknownPoolsPerOrganizationMax) tree.unknown.clear();
  tree.unknown.set(id, now);
}

/** Whether `poolId` is in the tree and under `root` or `root` itself (null: anywhere in it). */
export function within(
  parents: Map<string, string | null>,
  root: string | null,
  poolId: string,
): boolean {
  if (!parents.has(poolId)) return false;
  if (root === null) return true;
  let current: string | null | undefined = poolId;
  while (current !== null && current !== undefined) {
    if (current === root) return true;
    current = parents.get(current);
  }
  return false;
}
