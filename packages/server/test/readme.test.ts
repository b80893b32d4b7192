/**
 * The README's commands, run as written: `npm start` on a fresh database prints an operator key
 * (boxed, after the log's start lines) and serves; the five-minute tour and its billing sequel
 * then run in bash with curl and jq against it, and show what their comments say; the gateway's
 * section runs against `creditpool fake-upstream`.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";

const root = new URL("../../../", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");

function shellBlocks(section: string): string[] {
  const start = readme.indexOf(`## ${section}`);
  const end = readme.indexOf("\n## ", start + 3);
  const text = readme.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address !== null ? address.port : 0),
      );
    });
  });
}

const directory = mkdtempSync(join(tmpdir(), "creditpool-readme-"));
let server: ChildProcess | null = null;

const bin = join(root, "packages/server/bin/creditpool.js");
let fake: ChildProcess | null = null;

after(() => {
  fake?.kill("SIGTERM");
  if (server?.pid !== undefined) process.kill(-server.pid, "SIGTERM");
  rmSync(directory, { recursive: true, force: true });
});

it("the two commands: npm start serves and prints an operator key; the tour runs as written", async () => {
  assert.deepEqual(shellBlocks("Two commands"), ["npm install && npm start\nnpm test\n"]);
  const port = await freePort();
  server = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: join(directory, "ledger.db"),
      CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const operator = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no operator key printed: ${output}`)), 30_000);
    server?.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const key = /Operator key[\s\S]*?│ +(cpk_\w+) +│/.exec(output)?.[1];
      if (key !== undefined && output.includes("is serving on")) {
        clearTimeout(timer);
        resolve(key);
      }
    });
  });
  const [setup, tour] = shellBlocks("Five-minute tour");
  assert.match(setup ?? "", /export CP=http:\/\/127\.0\.0\.1:8080\nexport OPERATOR=cpk_\.\.\./);
  const [billing] = shellBlocks("Seats that fill the pool");
  const [fakeCommand, gateway] = shellBlocks("AI calls through the gateway");
  assert.equal(fakeCommand, "npx creditpool fake-upstream --port 8787\n");
  const fakePort = await freePort();
  fake = spawn(process.execPath, [bin, "fake-upstream", "--port", String(fakePort)], {
    cwd: root,
    stdio: ["ignore", "pipe", "ignore"],
  });
  await new Promise<void>((resolve) => fake?.stdout?.once("data", () => resolve()));
  const script = `${tour}\n${billing}\n${(gateway ?? "").replace("export FAKE=http://127.0.0.1:8787\n", "")}`;
  // `npx creditpool` from the tour's own folder finds the repository's command, as it would
  // from a clone.
  symlinkSync(join(root, "node_modules"), join(directory, "node_modules"), "dir");
  const run = spawnSync("bash", ["-euo", "pipefail", "-c", script], {
    cwd: directory,
    env: {
      ...process.env,
      CP: `http://127.0.0.1:${port}`,
      OPERATOR: operator,
      FAKE: `http://127.0.0.1:${fakePort}`,
    },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split("\n");
  assert.match(lines[0] ?? "", /^\{"id":"grant_\w+","remaining":"1000"\}$/);
  assert.match(lines[1] ?? "", /^\{"id":"grant_\w+","remaining":"50"\}$/);
  assert.equal(lines[2], '{"status":"captured","captured":"9.75"}');
  // The burn order: the promotion, which expires, was drawn first.
  assert.equal(lines[3], '{"source":"purchase","remaining":"1000"}');
  assert.equal(lines[4], '{"source":"promotion","remaining":"40.25"}');
  assert.equal(lines[5], '{"available":"490.25","consumed_this_period":"9.75"}');
  assert.deepEqual(lines.slice(6, 11), [
    '[1,"grant","1000"]',
    '[2,"grant","50"]',
    '[3,"hold","12.5"]',
    '[4,"capture","9.75"]',
    '[5,"release","2.75"]',
  ]);
  // Seats that fill the pool: the plan, 5 seats granted at once, a sixth on the draft invoice,
  // and the revenue report; then a call through the gateway, settled exactly.
  assert.deepEqual(lines.slice(11), [
    '{"id":"team","version":1}',
    '{"seats":5,"included":"5000"}',
    '{"seats":6}',
    '{"status":"draft","lines":["seats","seats_added"]}',
    '{"recognized":"9.75","team":"9.75"}',
    '{"provider":"openai","api_key_last4":"6789"}',
    // The fake's answer: 6 prompt and 16 completion tokens, at 0.00003 and 0.00024 a token.
    '{"model":"gpt-5-mini","tokens":22}',
    '{"held":"0","consumed_this_period":"9.75402"}',
  ]);
});
