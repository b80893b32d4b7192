/**
 * `/openapi.json` passes Redocly's recommended lint with no error: the document that types the
 * SDK and that other tools read (servers, license, an operationId and a request schema on every
 * operation) is checked here, as it is served.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, it } from "node:test";
import { promisify } from "node:util";
import { memoryApp } from "./support/memory-app.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-openapi-"));
after(() => rmSync(directory, { recursive: true, force: true }));

async function servedDocument(): Promise<unknown> {
  const { app, close } = memoryApp(() => 0);
  try {
    const response = await app.request("/openapi.json");
    assert.equal(response.status, 200);
    return await response.json();
  } finally {
    await close();
  }
}

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number };
  readonly problems: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly message: string;
    readonly location: readonly { readonly pointer?: string }[];
  }[];
}

it("/openapi.json passes `redocly lint` with no error", async () => {
  const file = join(directory, "openapi.json");
  writeFileSync(file, JSON.stringify(await servedDocument(), null, 2));
  // The devDependency's own entry point, run by this Node.js: no shell, no download.
  const cli = join(
    dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")),
    "bin",
    "cli.js",
  );
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  const run = await promisify(execFile)(process.execPath, [cli, "lint", file, "--format=json"], {
    env,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? "",
  }));
  const start = run.stdout.indexOf("{");
  assert.ok(start >= 0, `no report from redocly:\n${run.stdout}\n${run.stderr}`);
  const report = JSON.parse(run.stdout.slice(start)) as LintReport;
  const problems = report.problems.map(
    (problem) =>
      `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? "?"}: ` +
      problem.message,
  );
  assert.equal(report.totals.errors, 0, problems.join("\n"));
});
