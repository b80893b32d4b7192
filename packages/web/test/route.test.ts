/** Hash routes and the role table the console hides actions by. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  allows,
  boundKeyDenied,
  permissions,
  roleMay,
  roles,
  rolesGrantable,
} from "../src/roles.ts";
import { hrefOf, parseHash } from "../src/route.ts";

describe("hash routes", () => {
  it("names the view, its arguments and its query", () => {
    const route = parseHash("#/decisions?code=pool_limit_exceeded&pool=pool_1");
    assert.equal(route.view, "decisions");
    assert.deepEqual(route.args, []);
    assert.equal(route.query.get("code"), "pool_limit_exceeded");
    assert.deepEqual(parseHash("#/pools/pool_01ABC").args, ["pool_01ABC"]);
    assert.equal(parseHash("").view, "");
    assert.equal(parseHash("#/").view, "");
  });

  it("hrefOf and parseHash agree, odd characters included", () => {
    const href = hrefOf("pools", "a b/c");
    assert.equal(href, "#/pools/a%20b%2Fc");
    assert.deepEqual(parseHash(href).args, ["a b/c"]);
  });
});

/** The reference's table: permission → the roles marked "yes", in the column order. */
function referenceTable(): Map<string, string[]> {
  const page = readFileSync(new URL("../../../docs/reference/roles.md", import.meta.url), "utf8");
  // The first table of the page: from its header to the first line that is not a row.
  const all = page.split("\n");
  const start = all.findIndex((line) => line.startsWith("| permission | routes |"));
  const header = all[start] ?? "";
  const end = all.findIndex((line, index) => index > start && !line.startsWith("|"));
  const lines = all.slice(start, end).filter((line) => line.startsWith("| `"));
  const columns = header
    .split("|")
    .map((cell) => cell.trim())
    .slice(3, -1);
  const table = new Map<string, string[]>();
  for (const line of lines) {
    const cells = line.split("|").map((cell) => cell.trim());
    const permission = (cells[1] ?? "").replaceAll("`", "");
    const yes = columns.filter((_, index) => cells[index + 3] === "yes");
    table.set(permission, yes);
  }
  return table;
}

describe("the console's role table", () => {
  it("equals the API's reference for every permission the console uses", () => {
    const reference = referenceTable();
    assert.deepEqual(
      [...roles].sort(),
      [...(reference.get("pools.read") ?? [])].sort(),
      "the roles are those of the reference",
    );
    for (const permission of permissions) {
      const expected = reference.get(permission);
      assert.ok(expected !== undefined, `${permission} is not in docs/reference/roles.md`);
      assert.deepEqual(
        roles.filter((role) => roleMay(role, permission)),
        expected,
        permission,
      );
    }
  });

  it("hands out only the roles the reference says each role may grant", () => {
    assert.deepEqual(rolesGrantable("owner"), roles);
    assert.ok(!rolesGrantable("admin").includes("owner"));
    assert.deepEqual(rolesGrantable("pool_admin"), ["member", "agent", "viewer", "pool_admin"]);
    assert.deepEqual(rolesGrantable("viewer"), []);
  });

  it("denies a bound key what the reference says a bound key may never do", () => {
    const page = readFileSync(new URL("../../../docs/reference/roles.md", import.meta.url), "utf8");
    const bound = new Map(
      page
        .split("\n")
        .filter((line) => /^\| `[a-z_.]+` \| (yes|no) \|$/.test(line))
        .map((line) => {
          const [permission, answer] = line
            .split("|")
            .slice(1, 3)
            .map((cell) => cell.trim());
          return [permission?.replaceAll("`", ""), answer] as const;
        }),
    );
    for (const permission of permissions) {
      assert.equal(boundKeyDenied.includes(permission), bound.get(permission) === "no", permission);
      // An owner's key bound to a pool still may not do the organization's business.
      assert.equal(allows("owner", "pool_1", permission), bound.get(permission) === "yes");
    }
    assert.equal(allows("admin", null, "billing.write"), true);
    assert.equal(allows("stranger", null, "pools.read"), false, "an unknown role may do nothing");
  });
});
