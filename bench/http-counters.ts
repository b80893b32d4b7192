/**
 * What the servers say about themselves, read before and after each run: CPU time of the server
 * process, and for creditpool its Prometheus counters (engine batches and the time requests
 * spend inside the application), so a run can be split into where its time went.
 */

export interface ServerCounters {
  readonly cpuSeconds: number;
  readonly batches: number;
  readonly batchCommands: number;
  readonly batchSeconds: number;
  /** POST requests measured inside the application (after parsing, before writing). */
  readonly requests: number;
  readonly requestSeconds: number;
}

export interface ServerFigures {
  /** Server process CPU over the run, in cores. */
  readonly cpuCores: number;
  readonly commandsPerBatch: number | null;
  readonly batchMs: number | null;
  /** Share of the run the engine spent inside batches. */
  readonly engineBusy: number | null;
  /** Milliseconds a POST spent inside the application, on average. */
  readonly inAppMs: number | null;
}

export async function creditpoolCounters(url: string): Promise<ServerCounters> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sum = (name: string, filter = "") => {
    let total = 0;
    for (const line of text.split("\n")) {
      if (!line.startsWith(name) || !line.includes(filter)) continue;
      const rest = line.slice(name.length);
      if (rest[0] !== " " && rest[0] !== "{") continue;
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
    return total;
  };
  const post = 'method="POST"';
  return {
    cpuSeconds: sum("process_cpu_seconds_total"),
    batches: sum("creditpool_engine_batch_commands_count"),
    batchCommands: sum("creditpool_engine_batch_commands_sum"),
    batchSeconds: sum("creditpool_engine_batch_duration_seconds_sum"),
    requests: sum("creditpool_http_request_duration_seconds_count", post),
    requestSeconds: sum("creditpool_http_request_duration_seconds_sum", post),
  };
}

export async function echoCounters(url: string): Promise<ServerCounters> {
  const cpu = (await (await fetch(`${url}/cpu`)).json()) as { user: number; system: number };
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    batches: 0,
    batchCommands: 0,
    batchSeconds: 0,
    requests: 0,
    requestSeconds: 0,
  };
}

/** The figures of one run from the counters read around it (`seconds` wall clock apart). */
export function figuresBetween(
  before: ServerCounters,
  after: ServerCounters,
  seconds: number,
): ServerFigures {
  const batches = after.batches - before.batches;
  const requests = after.requests - before.requests;
  const batchSeconds = after.batchSeconds - before.batchSeconds;
  return {
    cpuCores: (after.cpuSeconds - before.cpuSeconds) / seconds,
    commandsPerBatch: batches === 0 ? null : (after.batchCommands - before.batchCommands) / batches,
    batchMs: batches === 0 ? null : (batchSeconds * 1000) / batches,
    engineBusy: batches === 0 ? null : batchSeconds / seconds,
    inAppMs:
      requests === 0 ? null : ((after.requestSeconds - before.requestSeconds) * 1000) / requests,
  };
}
