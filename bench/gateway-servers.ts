/**
 * The processes of the gateway benchmark besides creditpool itself, each on its own free loopback
 * port: the fake upstream (`creditpool fake-upstream`, the provider every gateway forwards to),
 * Portkey's open-source gateway (`@portkey-ai/gateway`, its own Node server, `--headless` so it
 * serves no console) and a bare pass-through proxy (`gateway-proxy-server.ts`). And the CPU a
 * process has used, read from `/proc`, for any of them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  creditpoolBin,
  freePort,
  type ServerProcess,
  stopChild,
  waitUntilAnswering,
} from "./http-servers.ts";

export interface FakeUpstreamProcess extends ServerProcess {
  /** Where an OpenAI client points its base URL. */
  readonly openAiBaseUrl: string;
}

export async function startFakeUpstreamProcess(): Promise<FakeUpstreamProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [creditpoolBin, "fake-upstream", "--port", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await started(url, child, "/_fake/behaviours", true);
  return { url, child, stop: () => stopChild(child), openAiBaseUrl: `${url}/v1` };
}

/** Portkey's Node server as its package starts it (`build/start-server.js`, its `bin`). */
export const portkeyEntry = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@portkey-ai/gateway/package.json")),
  "build/start-server.js",
);

export async function startPortkey(): Promise<ServerProcess> {
  const port = await freePort();
  // Its start prints a spinner and a banner; what it logs per request is not under test.
  const child = spawn(process.execPath, [portkeyEntry, `--port=${port}`, "--headless"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Any answer at all means it listens: its root route is not a health check.
  await started(url, child, "/", false);
  return { url, child, stop: () => stopChild(child) };
}

const proxyEntry = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "gateway-proxy-server.ts",
);

/** The bare pass-through to `upstream` (an origin). */
export async function startProxy(upstream: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", proxyEntry, String(port), upstream], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await started(url, child, "/", false);
  return { url, child, stop: () => stopChild(child) };
}

async function started(url: string, child: ChildProcess, probe: string, ok: boolean) {
  try {
    await waitUntilAnswering(url, child, probe, ok);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Clock ticks a second in `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const clockTicksPerSecond = 100;

/**
 * User plus system CPU seconds a process has used (all its threads), or null where `/proc` is
 * not there to read.
 */
export async function processCpuSeconds(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    if (!Number.isFinite(user) || !Number.isFinite(system)) return null;
    return (user + system) / clockTicksPerSecond;
  } catch {
    return null;
  }
}
