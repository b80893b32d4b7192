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
import { sharedWriteLock } from "../store/open-store.ts";
import type { OrganizationRow, Store } from "../store/port.ts";
import type { BatchStats, LedgerEngine, SubmitOptions } from "./engine.ts";
import { createOrganizationIn, viewOf } from "./outside-batches.ts";
import type { LedgerRequest } from "./requests.ts";
import type { EngineAnswer } from "./results.ts";
import {
  type Call,
  type FromThread,
  type Settled,
  type ThreadError,
  type ThreadStart,
  type ToThread,
  threadError,
} from "./thread-messages.ts";

export interface ThreadEngineOptions {
  /**
   * What the thread opens: a SQLite file (sharing its write lock with this thread's stores) or a
   * PostgreSQL URL (its own pool of connections beside this thread's).
   */
  readonly location: string;
  /** This thread's store on the same location, for organizations and views. */
  readonly store: Store;
  /** For organizations and views made here; the thread's engine reads the real clock. */
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
  /** Set by the first `close()`, at once: calls from then on fail. */
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly options: ThreadEngineOptions,
  ) {}

  /** Starts the thread; resolves once its store is open, rejects if it cannot open it. */
  static async start(options: ThreadEngineOptions): Promise<ThreadEngine> {
    const { location } = options;
    const worker = startThread({ location, writeLock: sharedWriteLock(location) });
    const engine = new ThreadEngine(worker, options);
    const ready = new Promise<void>((resolve, reject) => {
      const exited = (code: number) => reject(new Error(`the engine thread exited (${code})`));
      worker.once("error", reject);
      worker.once("exit", exited);
      worker.once("message", (message: FromThread) => {
        worker.off("error", reject);
        worker.off("exit", exited);
        if (message.kind === "ready") resolve();
        else reject(new Error(`the engine thread said ${message.kind} first`));
      });
    });
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
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
    return this.call(organizationId, request, options) as Promise<EngineAnswer>;
  }

  async tick(organizationId: string): Promise<void> {
    await this.call(organizationId, null, {});
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
    return viewOf(this, this.options.store, organizationId, this.options.clock);
  }

  startSweeper(intervalMs = 1000): void {
    this.send({ kind: "sweep", intervalMs });
  }

  /**
   * Answers everything called before, closes the thread's store and ends the thread; a call made
   * from now on fails at once.
   */
  close(): Promise<void> {
    // Set before the thread is told: calls made before were queued first and go first.
    this.closed ??= Promise.resolve().then(() => this.shutDown());
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    if (this.stopped === null) {
      const done = new Promise<void>((resolve) => {
        this.worker.on("message", (message: FromThread) => {
          if (message.kind === "closed") resolve();
        });
        this.worker.once("exit", () => resolve());
      });
      this.worker.ref();
      this.sendCalls();
      this.send({ kind: "close" });
      await done;
    }
    this.stop(new Error("the engine is closed"));
    await this.worker.terminate();
  }

  private call(
    organizationId: string,
    request: LedgerRequest | null,
    options: SubmitOptions,
  ): Promise<EngineAnswer | null> {
    if (this.stopped !== null) return Promise.reject(this.stopped);
    if (this.closed !== null) return Promise.reject(new Error("the engine is closed"));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      if (this.calls.length === 0) queueMicrotask(() => this.sendCalls());
      this.calls.push({ id, organizationId, request, options });
    });
  }

  private sendCalls(): void {
    const calls = this.calls;
    this.calls = [];
    if (calls.length === 0) return;
    try {
      this.send({ kind: "calls", calls });
    } catch (error) {
      // A request that cannot cross to the thread (DataCloneError) fails with its turn's calls.
      for (const call of calls) this.settle({ id: call.id, error: threadError(error) });
    }
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
    if ("error" in settled) waiting.reject(errorFrom(settled.error));
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
function startThread(workerData: ThreadStart): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./engine-thread.js", import.meta.url), { workerData });
  const loader = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./engine-thread.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(loader)})
    .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** The error a call failed with in the thread, with the thread's stack for the logs. */
function errorFrom(crossed: ThreadError): Error {
  const error = new Error(crossed.message);
  if (crossed.stack !== undefined) error.stack = crossed.stack;
  return error;
}
