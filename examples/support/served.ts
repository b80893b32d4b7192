/**
 * For the examples' tests: a fresh `creditpool serve` on a new SQLite file and a
 * `creditpool fake-upstream`, both the real commands as the READMEs start them, and the README's
 * own commands run as written against them.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExampleTarget } from "./example.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "packages/server/bin/creditpool.js");
const operatorKey = "cpk_examplesOperatorKey000000000000";

export interface Served {
  readonly target: ExampleTarget;
  stop(): Promise<void>;
}

/** Starts the server and the fake provider; `stop` ends both and removes the database. */
export async function serveForExamples(): Promise<Served> {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-example-"));
  const [serverPort, upstreamPort] = [await freePort(), await freePort()];
  const server = start(
    ["serve", "--database", join(directory, "ledger.db"), "--port", String(serverPort)],
    { CREDITPOOL_OPERATOR_KEY: operatorKey, CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE: "1" },
  );
  const upstream = start(["fake-upstream", "--port", String(upstreamPort)], {});
  const url = `http://127.0.0.1:${serverPort}`;
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  await Promise.all([
    answering(`${url}/healthz`, server),
    answering(`${upstreamUrl}/v1/models`, upstream),
  ]);
  return {
    target: { url, operatorKey, upstreamUrl },
    async stop() {
      await Promise.all([stop(server.child), stop(upstream.child)]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

interface Started {
  readonly child: ChildProcess;
  output(): string;
}

function start(args: readonly string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

async function answering(url: string, started: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (started.child.exitCode !== null || Date.now() > deadline) {
      started.child.kill("SIGKILL");
      throw new Error(`${url} did not answer:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null);
  return address.port;
}

/**
 * The commands of an example README's "Run it" block, as a reader types them in the second
 * terminal: every line of the first ```sh block after the `## Run it` heading that is neither a
 * comment nor the `export` of a value the reader copies from the server's output.
 */
export function readmeCommands(example: string): string[] {
  const readme = readFileSync(join(root, "examples", example, "README.md"), "utf8");
  const section = readme.split(/^## Run it$/m)[1];
  assert.ok(section !== undefined, `examples/${example}/README.md has a "## Run it" section`);
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, `examples/${example}/README.md shows its commands in a sh block`);
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .filter((line) => !/^export CREDITPOOL_(OPERATOR_KEY|URL|UPSTREAM_URL)=/.test(line))
    .filter((line) => !/^(CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1 )?npm start$/.test(line))
    .filter((line) => !line.startsWith("npx creditpool fake-upstream"));
}

/** Runs the README's commands from the repository's root with the target in the environment. */
export async function runReadme(
  example: string,
  target: ExampleTarget,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const script = readmeCommands(example).join("\n");
  const child = spawn("bash", ["-e", "-c", script], {
    cwd: root,
    env: {
      ...process.env,
      CREDITPOOL_URL: target.url,
      CREDITPOOL_OPERATOR_KEY: target.operatorKey,
      CREDITPOOL_UPSTREAM_URL: target.upstreamUrl,
      // The reader's shell: the SDK resolves to its compiled package, not to its sources.
      NODE_OPTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { status, stdout, stderr };
}

/** An output that keeps the lines, for a test to read. */
export function recorded(): { line(text?: string): void; readonly text: () => string } {
  const lines: string[] = [];
  return { line: (text = "") => lines.push(text), text: () => lines.join("\n") };
}
