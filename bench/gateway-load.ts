/**
 * The load of the gateway benchmark, the same against every target: C clients in this process,
 * each on its own keep-alive connection, each sending its next chat completion as soon as the
 * last is whole (a closed loop). Every answer is timed twice from the moment its request is
 * written: to the first byte of its body (what a streaming client waits for before the first
 * token) and to its end. A call counts when it starts after the warm-up and before the window
 * closes; calls still running then are awaited, so every call sent is answered before the run
 * returns (which the books after a creditpool run rely on).
 */
import http from "node:http";
import { type Percentiles, percentiles } from "./latency.ts";

export interface LoadTarget {
  /** An origin: `http://127.0.0.1:port`. */
  readonly url: string;
  /** The chat completions route on that origin. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly stream: boolean;
}

export interface LoadSettings {
  readonly clients: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
}

export interface LoadRun {
  readonly clients: number;
  /** Calls counted (started inside the window) and answered whole with a 200. */
  readonly calls: number;
  /** Every call answered whole with a 200, warm-up included. */
  readonly callsAnswered: number;
  readonly callsPerSecond: number;
  readonly firstByte: Percentiles;
  readonly complete: Percentiles;
  /** Calls answered other than 200, bodies cut short, and connection failures, in the run. */
  readonly failures: number;
  /** The first failure, to say what went wrong. */
  readonly firstFailure: string | null;
}

/** Bytes of an answer kept to check that it is whole; the rest is only counted. */
const answerTailBytes = 64;
/** A call not answered within this is a failure, not a hang of the whole bench. */
const callTimeoutMs = 30_000;

interface Timing {
  readonly firstByteMs: number;
  readonly completeMs: number;
}

export async function runClosedLoop(target: LoadTarget, settings: LoadSettings): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.clients });
  const url = new URL(target.path, target.url);
  const started = performance.now();
  const opensAt = started + settings.warmupSeconds * 1000;
  const closesAt = opensAt + settings.seconds * 1000;
  const firstBytes: number[] = [];
  const completes: number[] = [];
  let answered = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const client = async () => {
    for (let at = performance.now(); at < closesAt; at = performance.now()) {
      try {
        const timing = await oneCall(agent, url, target);
        answered += 1;
        if (at < opensAt) continue;
        firstBytes.push(timing.firstByteMs);
        completes.push(timing.completeMs);
      } catch (error) {
        failures += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: settings.clients }, client));
  } finally {
    agent.destroy();
  }
  const window = (Math.max(closesAt, performance.now()) - opensAt) / 1000;
  return {
    clients: settings.clients,
    calls: completes.length,
    callsAnswered: answered,
    callsPerSecond: completes.length / window,
    firstByte: percentiles(firstBytes),
    complete: percentiles(completes),
    failures,
    firstFailure,
  };
}

/** One call, timed from the request's write to its first body byte and to its end. */
function oneCall(agent: http.Agent, url: URL, target: LoadTarget): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now();
    let firstByteAt = 0;
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { ...target.headers, "content-length": Buffer.byteLength(target.body) },
        timeout: callTimeoutMs,
      },
      (response) => {
        let tail = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (firstByteAt === 0) firstByteAt = performance.now();
          tail = (tail + chunk).slice(-answerTailBytes);
        });
        response.once("error", reject);
        response.once("end", () => {
          const completeMs = performance.now() - sentAt;
          if (response.statusCode !== 200)
            return reject(new Error(`answered ${response.statusCode}: ${tail}`));
          if (!isWhole(tail, target.stream))
            return reject(new Error(`answer cut short: ...${JSON.stringify(tail)}`));
          resolve({ firstByteMs: firstByteAt - sentAt, completeMs });
        });
      },
    );
    request.once("timeout", () => request.destroy(new Error(`no answer in ${callTimeoutMs} ms`)));
    request.once("error", reject);
    request.end(target.body);
  });
}

/** A stream ends with OpenAI's terminator; a whole answer is a JSON object. */
function isWhole(tail: string, stream: boolean): boolean {
  const end = tail.trimEnd();
  return stream ? end.endsWith("data: [DONE]") : end.endsWith("}");
}
