/** The compiled `creditpool serve` on loopback, on a fresh SQLite file, for command-line tests. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin } from "./cli.ts";

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts `creditpool serve` with `operatorKey` and waits until it answers `/healthz`. */
export async function serveForTest(operatorKey: string): Promise<Served> {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-served-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = join(directory, "ledger.db");
  const server = spawn(
    process.execPath,
    [bin, "serve", "--database", database, "--port", String(port), "--host", "127.0.0.1"],
    {
      env: { ...process.env, CREDITPOOL_OPERATOR_KEY: operatorKey },
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  const deadline = Date.now() + 30_000;
  while (!(await healthy(url))) {
    assert.ok(server.exitCode === null && Date.now() < deadline, "creditpool serve started");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async close() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null);
  return address.port;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}
