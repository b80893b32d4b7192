/**
 * The servers under test, each in its own process so the load generator never shares their
 * event loop: `creditpool serve` on a fresh SQLite file (its request log goes to a file, as a
 * production log would), and the bare Hono echo. Both listen on a free loopback port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const creditpoolBin = path.join(root, "packages/server/bin/creditpool.js");
const echoEntry = path.join(root, "bench/http-echo-server.ts");

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface CreditpoolProcess extends ServerProcess {
  readonly database: string;
  readonly logFile: string;
  logBytes(): Promise<number>;
  /** Removes the temporary directory; call after `stop`. */
  cleanUp(): Promise<void>;
}

export async function startCreditpool(
  operatorKey: string,
  engineThread = true,
  env: Readonly<Record<string, string>> = {},
): Promise<CreditpoolProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-http-bench-"));
  const database = path.join(dir, "bench.db");
  const logFile = path.join(dir, "serve.log");
  const port = await freePort();
  const log = createWriteStream(logFile);
  await new Promise((resolve) => log.once("open", resolve));
  // A CPU profile of the server, for finding where a request's time goes.
  const profileDir = process.env.CREDITPOOL_BENCH_CPU_PROF;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, creditpoolBin, "serve", "--database", database, "--port", String(port)],
    {
      env: {
        ...process.env,
        CREDITPOOL_OPERATOR_KEY: operatorKey,
        CREDITPOOL_ENGINE_THREAD: engineThread ? "on" : "off",
        ...env,
      },
      stdio: ["ignore", log, log],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const server = { url, child, stop: () => stopChild(child) };
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    await server.stop();
    const tail = (await readFile(logFile, "utf8")).slice(-2000);
    throw new Error(`creditpool serve did not start: ${String(error)}\n${tail}`);
  }
  return {
    ...server,
    database,
    logFile,
    logBytes: async () => (await stat(logFile)).size,
    cleanUp: async () => {
      log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startEcho(): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", echoEntry, String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const server = { url, child, stop: () => stopChild(child) };
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A port the kernel just handed out and released; the server binds it a moment later. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function waitUntilHealthy(url: string, child: ChildProcess): Promise<void> {
  await waitUntilAnswering(url, child, "/healthz", true);
}

/** Polls `path` until it answers (a 2xx when `ok` is asked), the child exits, or 30 s pass. */
export async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  path: string,
  ok: boolean,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}${path}`);
      await response.body?.cancel();
      if (response.ok || !ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} was not healthy within 30 s`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
