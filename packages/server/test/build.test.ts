/**
 * The compiled command: `creditpool` runs from dist/ on plain Node.js. A module hook refuses tsx,
 * the TypeScript compiler and any `.ts` file, so a command that needed any of them at run time
 * would fail here instead of quietly compiling its sources at every start.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "creditpool-build-"));
after(() => rmSync(directory, { recursive: true, force: true }));

const refuse = `
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (/\\/node_modules\\/(tsx|typescript)\\//.test(resolved.url) || /\\.[cm]?ts$/.test(resolved.url)) {
    throw new Error("refused at run time: " + resolved.url);
  }
  return resolved;
}
`;
writeFileSync(join(directory, "refuse.mjs"), refuse);
writeFileSync(
  join(directory, "register.mjs"),
  'import { register } from "node:module";\nregister("./refuse.mjs", import.meta.url);\n',
);
const register = pathToFileURL(join(directory, "register.mjs")).href;

/** Plain `node`: without the flags and NODE_OPTIONS this test runner was started with. */
function plainNode(args: readonly string[]) {
  const { NODE_OPTIONS: _, ...env } = process.env;
  return spawnSync(process.execPath, ["--import", register, ...args], {
    encoding: "utf8",
    env,
    timeout: 30_000,
  });
}

it("creditpool --help runs compiled JavaScript, with neither tsx nor TypeScript loaded", () => {
  const result = plainNode([bin, "--help"]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Usage: creditpool /);
  assert.match(result.stdout, /\n {2}serve \[options\]/);
});

it("the hook the test relies on does refuse tsx", () => {
  const result = plainNode(["--input-type=module", "-e", 'await import("tsx/esm/api");']);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /refused at run time: .*\/node_modules\/tsx\//);
});
