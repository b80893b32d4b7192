/**
 * What a newcomer sees when starting creditpool: the operator key boxed after the log's start
 * lines, with the way to make a new one; a port in use refused in one line, before anything is
 * written or simulated.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bin, runCli } from "./support/cli.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-start-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("a port in use", () => {
  let occupant: Server;
  let port = 0;

  before(async () => {
    occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, "127.0.0.1", resolve));
    const address = occupant.address();
    assert.ok(typeof address === "object" && address !== null);
    port = address.port;
  });
  after(() => new Promise<void>((resolve) => occupant.close(() => resolve())));

  for (const command of ["serve", "demo"]) {
    it(`${command}: one line, exit 1, no operator key, no database, nothing simulated`, () => {
      const database = join(directory, `${command}-taken.db`);
      const started = Date.now();
      const run = runCli(command, "--port", String(port), "--database", database);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, `creditpool: port ${port} is in use: pass --port\n`);
      assert.equal(run.stdout, "");
      assert.equal(existsSync(database), false);
      // The demo simulates its weeks for many seconds; refused first, it takes the time to start.
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    });
  }
});

it("serve refuses a port that is not a number, in one line, before anything is written", () => {
  const database = join(directory, "never.db");
  const run = runCli("serve", "--port", "abc", "--database", database);
  assert.equal(run.status, 1);
  assert.match(run.stderr.trim(), /^error: .*port must be an integer from 0 to 65535\.$/);
  assert.equal(existsSync(database), false);
});

it("serve prints the operator key boxed, after the log's start lines, with how to remake it", async () => {
  const database = join(directory, "boxed.db");
  const env = { ...process.env };
  delete env.CREDITPOOL_OPERATOR_KEY;
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--database", database], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`not serving: ${text}`)), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("is serving on")) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const lines = output.trimEnd().split("\n");
    const top = lines.findIndex((line) => line.startsWith("┌"));
    const bottom = lines.findIndex((line) => line.startsWith("└"));
    assert.ok(top > 0 && bottom > top + 2, output);
    for (const line of lines.slice(0, top)) assert.equal(JSON.parse(line).service, "creditpool");
    const box = lines.slice(top, bottom + 1);
    assert.ok(
      box.every((line) => line.length === box[0]?.length),
      "every line of the box is as wide",
    );
    const text = box.join("\n");
    const key = /│ +(cpk_[0-9A-Za-z]{32}) +│/.exec(text)?.[1];
    assert.ok(key !== undefined, text);
    assert.match(text, /Operator key, shown this once/);
    assert.match(text, /`creditpool operator-key`/);
    assert.match(lines.at(-1) ?? "", /^creditpool is serving on http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    child.kill("SIGTERM");
  }
});
