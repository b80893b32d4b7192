/** What `ThreadEngine` and its worker thread (`engine-thread.ts`) say to each other. */
import type { BatchStats, SubmitOptions } from "./engine.ts";
import type { LedgerRequest } from "./requests.ts";
import type { EngineAnswer } from "./results.ts";

/** What the thread is given when it starts. */
export interface ThreadStart {
  /** The database it opens: a SQLite file or a PostgreSQL URL. */
  readonly location: string;
  /** A SQLite file's write lock, shared with the serving thread's stores; null for a server. */
  readonly writeLock: SharedArrayBuffer | null;
}

/** A submit, or a tick (`request` null): in the order they were made. */
export interface Call {
  readonly id: number;
  readonly organizationId: string;
  readonly request: LedgerRequest | null;
  readonly options: SubmitOptions;
}

export type ToThread =
  /** Every call made in one turn of the serving thread. */
  | { readonly kind: "calls"; readonly calls: readonly Call[] }
  | { readonly kind: "sweep"; readonly intervalMs: number }
  | { readonly kind: "close" };

/** An error as it crosses between threads: its message and, for the logs, its stack. */
export interface ThreadError {
  readonly message: string;
  readonly stack?: string | undefined;
}

/** A call's end: its answer (null for a tick), or the error it failed with. */
export type Settled =
  | { readonly id: number; readonly answer: EngineAnswer | null }
  | { readonly id: number; readonly error: ThreadError };

export type FromThread =
  | { readonly kind: "ready" }
  | { readonly kind: "settled"; readonly settled: readonly Settled[] }
  | { readonly kind: "batch"; readonly stats: BatchStats }
  | { readonly kind: "closed" };

export function threadError(error: unknown): ThreadError {
  return error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };
}
