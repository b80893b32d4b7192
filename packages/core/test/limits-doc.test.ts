/** docs/reference/limits.md names every limit of `limits.ts`, so no bound goes undocumented. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { limits } from "../src/index.ts";

it("docs/reference/limits.md names every limit", () => {
  const page = readFileSync(new URL("../../../docs/reference/limits.md", import.meta.url), "utf8");
  const missing = Object.keys(limits).filter((name) => !page.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
});
