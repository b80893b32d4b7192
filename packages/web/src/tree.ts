/**
 * The pool tree from a flat list: what a key sees is its subtree, so a pool whose parent is not
 * in the list is a root of the view. Children are ordered by name, then id.
 */

export interface PoolLike {
  readonly id: string;
  readonly parent: string | null;
  readonly name: string;
}

export interface TreeNode<P extends PoolLike> {
  readonly pool: P;
  readonly depth: number;
  readonly children: TreeNode<P>[];
}

export function buildTree<P extends PoolLike>(pools: readonly P[]): TreeNode<P>[] {
  const known = new Set(pools.map((pool) => pool.id));
  const byParent = new Map<string | null, P[]>();
  for (const pool of pools) {
    const parent = pool.parent !== null && known.has(pool.parent) ? pool.parent : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(pool);
    byParent.set(parent, siblings);
  }
  const order = (a: P, b: P) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const seen = new Set<string>();
  const grow = (pool: P, depth: number): TreeNode<P> => {
    seen.add(pool.id);
    const children = (byParent.get(pool.id) ?? [])
      .filter((child) => !seen.has(child.id))
      .sort(order)
      .map((child) => grow(child, depth + 1));
    return { pool, depth, children };
  };
  return (byParent.get(null) ?? []).sort(order).map((pool) => grow(pool, 0));
}

/** The tree in display order, depth first: one row per pool. */
export function flattenTree<P extends PoolLike>(roots: readonly TreeNode<P>[]): TreeNode<P>[] {
  const rows: TreeNode<P>[] = [];
  const visit = (node: TreeNode<P>) => {
    rows.push(node);
    for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return rows;
}

/** The pools from the view's root down to `id` (breadcrumbs); empty when `id` is not seen. */
export function pathTo<P extends PoolLike>(pools: readonly P[], id: string): P[] {
  const byId = new Map(pools.map((pool) => [pool.id, pool]));
  const path: P[] = [];
  let current = byId.get(id);
  while (current !== undefined && !path.includes(current)) {
    path.unshift(current);
    current = current.parent === null ? undefined : byId.get(current.parent);
  }
  return path;
}

/** The ids of `id` and every pool below it. */
export function subtreeIds<P extends PoolLike>(pools: readonly P[], id: string): Set<string> {
  const ids = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pool of pools) {
      if (pool.parent !== null && ids.has(pool.parent) && !ids.has(pool.id)) {
        ids.add(pool.id);
        grew = true;
      }
    }
  }
  return ids;
}
