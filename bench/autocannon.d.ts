/** The part of autocannon 8's API the HTTP benchmark uses; the package ships no types. */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    type Context = Record<string, unknown>;

    interface Request {
      method?: "GET" | "POST";
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each send of this request; answering null skips to the first request. */
      setupRequest?: (request: Request, context: Context) => Request | null;
      onResponse?: (status: number, body: string, context: Context) => void;
    }

    interface Options {
      url: string;
      connections: number;
      /** Seconds. */
      duration: number;
      pipelining?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** Every connection loops over these in order, with its own context. */
      requests: Request[];
      warmup?: { connections: number; duration: number };
    }

    interface Result {
      /** Seconds the measured run lasted. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      requests: { total: number; sent: number; average: number };
      latency: { p50: number; p99: number };
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {}
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
