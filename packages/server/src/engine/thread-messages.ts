/** What `ThreadEngine` and its worker thread (`engine-thread.ts`) say to each other. */
import type { BatchStats, SubmitOptions } from "./engine.ts";
import type { LedgerRequest } from "./requests.ts";
import type { EngineAnswer } from "./results.ts";

export interface Call {
  readonly id: number;
  readonly organizationId: string;
  readonly request: LedgerRequest;
  readonly options: SubmitOptions;
}

export type ToThread =
  /** Every call made in one turn of the serving thread. */
  | { readonly kind: "submit"; readonly calls: readonly Call[] }
  | { readonly kind: "tick"; readonly id: number; readonly organizationId: string }
  | { readonly kind: "sweep"; readonly intervalMs: number }
  | { readonly kind: "close" };

/** A call's end: its answer (null for a tick), or the message of the error it failed with. */
export type Settled =
  | { readonly id: number; readonly answer: EngineAnswer | null }
  | { readonly id: number; readonly error: string };

export type FromThread =
  | { readonly kind: "ready" }
  | { readonly kind: "settled"; readonly settled: readonly Settled[] }
  | { readonly kind: "batch"; readonly stats: BatchStats }
  | { readonly kind: "closed" };
