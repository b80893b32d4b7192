/** The pool tree the console draws from the flat list a key sees. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildTree, flattenTree, pathTo, subtreeIds } from "../src/tree.ts";

const pools = [
  { id: "p_root", parent: null, name: "Acme" },
  { id: "p_res", parent: "p_root", name: "Research" },
  { id: "p_eng", parent: "p_root", name: "Engineering" },
  { id: "p_plat", parent: "p_eng", name: "Platform" },
  { id: "p_models", parent: "p_res", name: "Models" },
];

describe("the pool tree", () => {
  it("nests children under parents, ordered by name, depth first", () => {
    const rows = flattenTree(buildTree(pools)).map((node) => `${node.depth}:${node.pool.name}`);
    assert.deepEqual(rows, ["0:Acme", "1:Engineering", "2:Platform", "1:Research", "2:Models"]);
  });

  it("a key bound to a pool sees its subtree: the pool whose parent is unseen is a root", () => {
    const seen = pools.filter((pool) => subtreeIds(pools, "p_eng").has(pool.id));
    const rows = flattenTree(buildTree(seen)).map((node) => `${node.depth}:${node.pool.name}`);
    assert.deepEqual(rows, ["0:Engineering", "1:Platform"]);
  });

  it("breadcrumbs run from the view's root to the pool", () => {
    assert.deepEqual(
      pathTo(pools, "p_models").map((pool) => pool.name),
      ["Acme", "Research", "Models"],
    );
    assert.deepEqual(pathTo(pools, "p_unknown"), []);
  });

  it("a cycle in bad data does not loop forever", () => {
    const looped = [
      { id: "a", parent: "b", name: "A" },
      { id: "b", parent: "a", name: "B" },
    ];
    assert.deepEqual(flattenTree(buildTree(looped)), []);
    assert.deepEqual(
      pathTo(looped, "a").map((pool) => pool.id),
      ["b", "a"],
    );
  });
});
