/** The errors page and the codes file list the same codes, statuses and retry advice. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { resultCodes } from "../src/index.ts";

it("docs/reference/errors.md lists exactly the result codes, with their statuses", () => {
  const page = readFileSync(new URL("../../../docs/reference/errors.md", import.meta.url), "utf8");
  const rows = [...page.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| (yes|no) \| (.+) \|$/gm)];
  const documented = rows.map(([, code, status, retryable]) => [
    code,
    Number(status),
    retryable === "yes",
  ]);
  const declared = Object.entries(resultCodes).map(([code, c]) => [code, c.status, c.retryable]);
  assert.deepEqual(documented, declared);
});
