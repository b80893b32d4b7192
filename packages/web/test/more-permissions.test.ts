/**
 * The views hide the actions a key cannot do by a copy of part of the API's role table: checked
 * here against docs/reference/roles.md, the page a server test keeps equal to the real table.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  allows,
  boundKeyDenied,
  permissionsUsed,
  rolePermissions,
} from "../src/views/more/permissions.ts";

const page = readFileSync(new URL("../../../docs/reference/roles.md", import.meta.url), "utf8");

/** The rows of the markdown table whose first column is a permission in backticks. */
function tableRows(): string[][] {
  return page
    .split("\n")
    .filter((line) => /^\| `[a-z_.]+` \|/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const header = page
  .split("\n")
  .find((line) => line.startsWith("| permission | routes |"))
  ?.split("|")
  .slice(3, -1)
  .map((cell) => cell.trim());

describe("the views' role table", () => {
  it("agrees with the roles page for every role and permission it uses", () => {
    assert.ok(header !== undefined && header.length === 7, "the roles page's table header");
    const rows = new Map(
      tableRows()
        .filter((row) => row.length === 2 + (header?.length ?? 0))
        .map((row) => [row[0]?.replaceAll("`", ""), row.slice(2)]),
    );
    for (const permission of permissionsUsed) {
      const cells = rows.get(permission);
      assert.ok(cells !== undefined, `${permission} is on the roles page`);
      header?.forEach((role, index) => {
        const expected = cells?.[index] === "yes";
        assert.equal(
          rolePermissions[role]?.includes(permission) ?? false,
          expected,
          `${role} ${permission}`,
        );
      });
    }
  });

  it("agrees with the roles page on what a bound key may never do", () => {
    const bound = new Map(
      tableRows()
        .filter((row) => row.length === 2)
        .map((row) => [row[0]?.replaceAll("`", ""), row[1]]),
    );
    for (const permission of permissionsUsed)
      assert.equal(boundKeyDenied.includes(permission), bound.get(permission) === "no", permission);
  });

  it("denies a bound key the organization's business whatever its role", () => {
    assert.equal(allows("admin", null, "billing.write"), true);
    assert.equal(allows("admin", "pool_1", "billing.write"), false);
    assert.equal(allows("pool_admin", "pool_1", "alerts.write"), true);
    assert.equal(allows("viewer", null, "alerts.write"), false);
    assert.equal(allows("nobody", null, "pools.read"), false);
  });
});
