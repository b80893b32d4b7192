/**
 * An engine on a worker thread. The thread opens its own connection to the same store and runs
 * an `Engine` there, so batches, and a synchronous store's writes and commits (SQLite's fsync
 * blocks its thread), leave the thread that serves requests. Submits made in one turn travel as
 * one message, and answers come back gathered the same way. Creating an organization and reading
 * a view need no batch: they run here, on this thread's store, and see every committed batch.
 *
 * Only a store two connections can share works here: a SQLite file or a PostgreSQL URL, never a
 * private in-memory database.
 */
import { Worker } from "node:worker_threads";
import type { LedgerState } from "@creditpool/core";
import type { Clock, IdSource } from "../ids.ts";
import type { OrganizationCreated, OrganizationOwner } from "../store/directory.ts";
import type { OrganizationRow, Store } from "../store/port.ts";
import {
  type BatchStats,
  createOrganizationIn,
  type LedgerEngine,
  type SubmitOptions,
  viewOf,
} from "./engine.ts";
import type { LedgerRequest } from "./requests.ts";
import type { EngineAnswer } from "./results.ts";
import type { Call, FromThread, Settled, ToThread } from "./thread-messages.ts";

export interface ThreadEngineOptions {
  /** What the thread opens: a SQLite file or a PostgreSQL URL. */
  readonly location: string;
  /** This thread's store on the same location, for organizations and views. */
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly onBatch?: (stats: BatchStats) => void;
  /** Told once if the thread stops before `close`: every submit fails from then on. */
  readonly onStopped?: (error: Error) => void;
}

interface Waiting {
  resolve(answer: EngineAnswer | null): void;
  reject(error: Error): void;
}

export class ThreadEngine implements LedgerEngine {
  private readonly waiting = new Map<number, Waiting>();
  private calls: Call[] = [];
  private nextId = 1;
  private stopped: Error | null = null;
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly options: ThreadEngineOptions,
  ) {}

  /** Starts the thread; resolves once its store is open, rejects if it cannot open it. */
  static async start(options: ThreadEngineOptions): Promise<ThreadEngine> {
    const worker = startThread({ location: options.location });
    const engine = new ThreadEngine(worker, options);
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(error);
      worker.once("error", failed);
      worker.once("message", (message: FromThread) => {
        worker.off("error", failed);
        if (message.kind === "ready") resolve();
        else reject(new Error(`the engine thread said ${message.kind} first`));
      });
    });
    engine.listen();
    // The thread keeps the process alive only while a call waits on it.
    worker.unref();
    return engine;
  }

  submit(
    organizationId: string,
    request: LedgerRequest,
    options: SubmitOptions = {},
  ): Promise<EngineAnswer> {
    return this.call((id) => {
      if (this.calls.length === 0) queueMicrotask(() => this.sendCalls());
      this.calls.push({ id, organizationId, request, options });
    }) as Promise<EngineAnswer>;
  }

  async tick(organizationId: string): Promise<void> {
    await this.call((id) => this.send({ kind: "tick", id, organizationId }));
  }

  createOrganization(name: string): Promise<OrganizationRow>;
  createOrganization(
    name: string,
    owner: (organization: OrganizationRow) => OrganizationOwner,
  ): Promise<OrganizationCreated>;
  createOrganization(
    name: string,
    owner?: (organization: OrganizationRow) => OrganizationOwner,
  ): Promise<OrganizationRow | OrganizationCreated> {
    const { store, clock, ids } = this.options;
    return createOrganizationIn(store, clock(), ids, name, owner);
  }

  readView(organizationId: string): Promise<LedgerState | null> {
    return viewOf(this.options.store, organizationId, this.options.clock());
  }

  startSweeper(intervalMs = 1000): void {
    this.send({ kind: "sweep", intervalMs });
  }

  /** Answers everything queued, closes the thread's store and ends the thread. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      if (this.stopped === null) {
        const done = new Promise<void>((resolve) => {
          this.worker.on("message", (message: FromThread) => {
            if (message.kind === "closed") resolve();
          });
          this.worker.once("exit", () => resolve());
        });
        this.worker.ref();
        if (this.calls.length > 0) this.sendCalls();
        this.send({ kind: "close" });
        await done;
      }
      this.stop(new Error("the engine is closed"));
      await this.worker.terminate();
    })();
    return this.closed;
  }

  private call(send: (id: number) => void): Promise<EngineAnswer | null> {
    if (this.stopped !== null) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      send(id);
    });
  }

  private sendCalls(): void {
    const calls = this.calls;
    this.calls = [];
    this.send({ kind: "submit", calls });
  }

  private send(message: ToThread): void {
    if (this.stopped === null) this.worker.postMessage(message);
  }

  private listen(): void {
    this.worker.on("message", (message: FromThread) => {
      if (message.kind === "settled") for (const each of message.settled) this.settle(each);
      else if (message.kind === "batch") this.options.onBatch?.(message.stats);
    });
    const stopped = (error: Error) => {
      if (this.stopped === null && this.closed === null) this.options.onStopped?.(error);
      this.stop(error);
    };
    this.worker.on("error", stopped);
    this.worker.on("exit", (code) => stopped(new Error(`the engine thread exited (${code})`)));
  }

  private settle(settled: Settled): void {
    const waiting = this.waiting.get(settled.id);
    if (waiting === undefined) return;
    this.waiting.delete(settled.id);
    if (this.waiting.size === 0 && this.closed === null) this.worker.unref();
    if ("error" in settled) waiting.reject(new Error(settled.error));
    else waiting.resolve(settled.answer);
  }

  /** From now on every call fails with `error`, and so does every call still waiting. */
  private stop(error: Error): void {
    if (this.stopped !== null) return;
    this.stopped = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/**
 * The built thread entry, or, when creditpool runs from its TypeScript sources (its own tests),
 * the source entry behind the TypeScript loader that ran this module: a worker thread does not
 * inherit its parent's loader.
 */
function startThread(workerData: { location: string }): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./engine-thread.js", import.meta.url), { workerData });
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./engine-thread.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(loader)})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
