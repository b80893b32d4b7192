/**
 * Rolling pools up into a subtree's departments: each child of the report's pool stands for its
 * whole subtree, and the pool itself for what it consumed directly.
 */

/** Each pool's parent (the root's is null). */
export type Parents = ReadonlyMap<string, string | null>;

/**
 * The department of `poolId` under `top`: the child of `top` on its path, `top` itself when it is
 * `top`, or null when it is not in `top`'s subtree.
 */
export function departmentOf(parents: Parents, top: string, poolId: string): string | null {
  let at: string | null | undefined = poolId;
  let below: string | null = null;
  for (let depth = 0; at !== null && at !== undefined && depth <= parents.size; depth += 1) {
    if (at === top) return below ?? top;
    below = at;
    at = parents.get(at);
  }
  return null;
}

/** The pools of `top`'s subtree, `top` included. */
export function subtreeOf(parents: Parents, top: string): Set<string> {
  const inside = new Set<string>();
  for (const poolId of parents.keys())
    if (departmentOf(parents, top, poolId) !== null) inside.add(poolId);
  return inside;
}
