/**
 * The load: autocannon in this process (the servers run in their own), C keep-alive connections
 * each sending its next request as soon as the last is answered. Against creditpool a connection
 * loops hold then capture of that hold (the hold's id carried into the capture's path), every
 * request with its own Idempotency-Key; against the echo it sends the same hold body and headers.
 * Latencies are taken per response, in fractional milliseconds, from autocannon's own timing.
 */

import autocannon from "autocannon";
import { idempotencyKeys } from "./funded-organization.ts";
import { type ClientTally, captureCredits, type HotPoolSetup, holdCredits } from "./http-ledger.ts";
import { type Percentiles, percentiles } from "./latency.ts";

/** Idempotency keys as the SDK makes them: time-ordered ULIDs, unique per request. */

export interface RunSettings {
  readonly connections: number;
  /** The measured window, in seconds. */
  readonly seconds: number;
  /** Seconds of the same load on the same connections before the window opens. */
  readonly warmupSeconds: number;
}

export interface LoadRun {
  readonly target: "echo" | "holds";
  readonly connections: number;
  readonly measuredSeconds: number;
  /** Responses inside the window per second, whatever their status. */
  readonly requestsPerSecond: number;
  /** Captures answered per second (holds+captures only): pairs completed. */
  readonly pairsPerSecond: number | null;
  readonly latency: Percentiles;
  readonly hold: Percentiles | null;
  readonly capture: Percentiles | null;
  /** Over the whole run, warm-up included. */
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** This process's CPU over the window, in cores. */
  readonly loadCpuCores: number;
}

type Kind = "echo" | "hold" | "capture";

export function loadEcho(
  url: string,
  setup: HotPoolSetup,
  settings: RunSettings,
  hooks: WindowHooks = {},
) {
  const headers = headersFor(setup.agentKey);
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      path: "/echo",
      body: holdBody(setup),
      setupRequest: (request) => ({ ...request, headers: withKey(headers) }),
    },
  ];
  return run("echo", url, requests, settings, () => "echo", hooks);
}

export function loadHolds(
  url: string,
  setup: HotPoolSetup,
  tally: ClientTally,
  settings: RunSettings,
  hooks: WindowHooks = {},
) {
  const headers = headersFor(setup.agentKey);
  let last: Kind = "hold";
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      path: "/v1/holds",
      body: holdBody(setup),
      setupRequest: (request) => {
        tally.holdsSent += 1;
        return { ...request, headers: withKey(headers) };
      },
      onResponse: (status, body, context) => {
        last = "hold";
        tally.holdsAnswered += 1;
        if (status !== 200) return;
        const answer = JSON.parse(body) as { allowed?: boolean; hold?: { id?: string } };
        if (answer.allowed === true && typeof answer.hold?.id === "string") {
          tally.holdsAllowed += 1;
          context.holdId = answer.hold.id;
        } else tally.holdsRefused += 1;
      },
    },
    {
      method: "POST",
      body: JSON.stringify({ amount: captureCredits }),
      setupRequest: (request, context) => {
        // A refused or failed hold has nothing to capture: the connection holds again.
        if (typeof context.holdId !== "string") return null;
        tally.capturesSent += 1;
        const path = `/v1/holds/${context.holdId}/capture`;
        return { ...request, path, headers: withKey(headers) };
      },
      onResponse: (status) => {
        last = "capture";
        tally.capturesAnswered += 1;
        if (status === 200) tally.capturesOk += 1;
      },
    },
  ];
  return run("holds", url, requests, settings, () => last, hooks);
}

/** Called as the measured window opens and closes (to read the server's counters then). */
export interface WindowHooks {
  readonly onOpen?: () => void;
  readonly onClose?: () => void;
}

/**
 * One autocannon run of warm-up plus window on the same connections: only responses that arrive
 * inside the window are measured, so connection set-up and cold code stay out of the figures.
 */
async function run(
  target: "echo" | "holds",
  url: string,
  requests: autocannon.Request[],
  settings: RunSettings,
  kindOfLast: () => Kind,
  hooks: WindowHooks,
): Promise<LoadRun> {
  const samples: Record<Kind, number[]> = { echo: [], hold: [], capture: [] };
  const all: number[] = [];
  const opensAt = settings.warmupSeconds * 1000;
  const closesAt = opensAt + settings.seconds * 1000;
  let started = 0;
  let phase = "warm-up" as "warm-up" | "window" | "done";
  let cpuAtOpen = process.cpuUsage();
  let cpu: NodeJS.CpuUsage = { user: 0, system: 0 };
  const open = () => {
    phase = "window";
    cpuAtOpen = process.cpuUsage();
    hooks.onOpen?.();
  };
  const close = () => {
    phase = "done";
    cpu = process.cpuUsage(cpuAtOpen);
    hooks.onClose?.();
  };
  const instance = autocannon({
    url,
    connections: settings.connections,
    duration: settings.warmupSeconds + settings.seconds,
    timeout: 30,
    requests,
  });
  instance.on("start", () => {
    started = performance.now();
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    const at = performance.now() - started;
    if (phase === "warm-up" && at >= opensAt) open();
    if (phase === "window" && at >= closesAt) close();
    if (phase !== "window") return;
    all.push(ms);
    samples[kindOfLast()].push(ms);
  });
  const result = await instance;
  if (phase === "window") close();
  const seconds = settings.seconds;
  return {
    target,
    connections: settings.connections,
    measuredSeconds: seconds,
    requestsPerSecond: all.length / seconds,
    pairsPerSecond: target === "holds" ? samples.capture.length / seconds : null,
    latency: percentiles(all),
    hold: target === "holds" ? percentiles(samples.hold) : null,
    capture: target === "holds" ? percentiles(samples.capture) : null,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    loadCpuCores: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

function holdBody(setup: HotPoolSetup): string {
  return JSON.stringify({ pool: setup.poolId, amount: holdCredits, ttl_seconds: 3600 });
}

function headersFor(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}`, "content-type": "application/json" };
}

function withKey(headers: Record<string, string>): Record<string, string> {
  return { ...headers, "idempotency-key": idempotencyKeys.next("key") };
}
