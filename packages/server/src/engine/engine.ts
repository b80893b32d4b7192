/**
 * The engine: the only writer of the ledger. Commands are queued and applied in batches, one
 * database transaction per batch: lock the organizations touched (ascending id), load what the
 * commands need, run the pure core over each command in order, write transfers and projections,
 * commit, then answer every caller. The next batch starts as soon as the last one ends; no timer
 * delays a command.
 */
import {
  beginBatch,
  type Command,
  clearDirty,
  type Grant,
  type Hold,
  type LedgerState,
  limits,
  pruneSettled,
  textProblem,
  validateCommand,
} from "@creditpool/core";
import type { Clock, IdSource } from "../ids.ts";
import type { OrganizationCreated, OrganizationOwner } from "../store/directory.ts";
import type { OrganizationRow, Store, StoreTransaction } from "../store/port.ts";
import {
  applyGroup,
  CommandFailed,
  loadReferenced,
  loadTallies,
  missingTallies,
  namesUnloaded,
  type Pending,
  TalliesUnloaded,
} from "./apply-group.ts";
import { type AuditIntent, type AuditView, figuresView } from "./audit-entries.ts";
import { createOrganizationIn, viewOf } from "./outside-batches.ts";
import { fingerprintOf, type LedgerRequest, toCommand } from "./requests.ts";
import { type EngineAnswer, errorAnswer } from "./results.ts";

export type { Clock } from "../ids.ts";
export type { AuditIntent, AuditView } from "./audit-entries.ts";

export interface EngineOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Commands per transaction; defaults to `limits.batchCommandsMax`. */
  readonly batchMax?: number;
  /** Organizations whose state stays cached between batches. */
  readonly cachedOrganizationsMax?: number;
  /** Called after each committed batch, for metrics. */
  readonly onBatch?: (stats: BatchStats) => void;
  /** How audit records show pools and grants: the API's views, given by the composition. */
  readonly auditView?: AuditView;
}

export interface BatchStats {
  readonly commands: number;
  readonly organizations: number;
  readonly transfers: number;
  readonly durationMs: number;
}

export interface SubmitOptions {
  /** Scoped to the organization; a replay answers the first answer. */
  readonly idempotencyKey?: string;
  /** What makes two requests the same request; by default a digest of the request itself. */
  readonly fingerprint?: string;
  /** Record this administrative command in the audit trail, in its batch, if it applies. */
  readonly audit?: AuditIntent;
}

/**
 * What services need of an engine: the in-process `Engine`, or `ThreadEngine`, which runs one on
 * a worker thread so that its batches, and a synchronous store's writes, leave the thread that
 * serves requests.
 */
export interface LedgerEngine {
  submit(
    organizationId: string,
    request: LedgerRequest,
    options?: SubmitOptions,
  ): Promise<EngineAnswer>;
  createOrganization(name: string): Promise<OrganizationRow>;
  createOrganization(
    name: string,
    owner: (organization: OrganizationRow) => OrganizationOwner,
  ): Promise<OrganizationCreated>;
  tick(organizationId: string): Promise<void>;
  readView(organizationId: string): Promise<LedgerState | null>;
  startSweeper(intervalMs?: number): void;
  close(): Promise<void>;
}

export class Engine implements LedgerEngine {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly batchMax: number;
  private readonly cachedMax: number;
  /**
   * Tallies a batch found missing after a policy change earlier in it: loaded up front when the
   * batch runs again (under lock), then forgotten.
   */
  private readonly talliesWanted = new Map<string, readonly string[]>();
  private readonly onBatch: ((stats: BatchStats) => void) | undefined;
  private readonly auditView: AuditView;
  private readonly cache = new Map<string, { row: OrganizationRow; state: LedgerState }>();
  private queue: Pending[] = [];
  private running = false;
  private idle: (() => void)[] = [];
  private sweeper: ReturnType<typeof setInterval> | null = null;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.ids = options.ids;
    this.batchMax = options.batchMax ?? limits.batchCommandsMax;
    this.cachedMax = options.cachedOrganizationsMax ?? 10_000;
    this.onBatch = options.onBatch;
    this.auditView = options.auditView ?? figuresView;
  }

  /** Creates an organization with its root pool: `createOrganizationIn` on this engine's store. */
  createOrganization(name: string): Promise<OrganizationRow>;
  createOrganization(
    name: string,
    owner: (organization: OrganizationRow) => OrganizationOwner,
  ): Promise<OrganizationCreated>;
  createOrganization(
    name: string,
    owner?: (organization: OrganizationRow) => OrganizationOwner,
  ): Promise<OrganizationRow | OrganizationCreated> {
    return createOrganizationIn(this.store, this.clock(), this.ids, name, owner);
  }

  /** Queues a request; the answer comes once its batch commits. */
  submit(
    organizationId: string,
    request: LedgerRequest,
    options: SubmitOptions = {},
  ): Promise<EngineAnswer> {
    const command = toCommand(request, this.ids);
    const invalid = validateCommand(command);
    if (invalid !== null) {
      return Promise.resolve(
        errorAnswer("invalid_request", `${invalid.param} ${invalid.reason}`, invalid.param),
      );
    }
    const key = options.idempotencyKey ?? null;
    // Keys arrive with a namespace (`request:`, `event:`) of at most 16 characters.
    const keyLengthMax = limits.idempotencyKeyLengthMax + 16;
    if (key !== null) {
      const problem =
        key.length === 0 || key.length > keyLengthMax
          ? `must be 1 to ${limits.idempotencyKeyLengthMax} characters`
          : textProblem(key, keyLengthMax);
      if (problem !== null) {
        return Promise.resolve(
          errorAnswer("invalid_request", `Idempotency-Key ${problem}`, "Idempotency-Key"),
        );
      }
    }
    const fingerprint = key === null ? "" : (options.fingerprint ?? fingerprintOf(request));
    return this.enqueue(organizationId, command, key, fingerprint, false, options.audit ?? null);
  }

  /**
   * Queues a command whose new ids the caller chose (imports, the simulator); otherwise the same
   * as `submit`. A chosen id already in use, even by a settled object, answers `id_in_use`.
   */
  apply(
    organizationId: string,
    command: Command,
    options: SubmitOptions = {},
  ): Promise<EngineAnswer> {
    const invalid = validateCommand(command);
    if (invalid !== null) {
      return Promise.resolve(
        errorAnswer("invalid_request", `${invalid.param} ${invalid.reason}`, invalid.param),
      );
    }
    const key = options.idempotencyKey ?? null;
    return this.enqueue(
      organizationId,
      command,
      key,
      key === null ? "" : fingerprintOf(command),
      true,
    );
  }

  /** Applies whatever fell due for the organization (activations, expiries) now. */
  async tick(organizationId: string): Promise<void> {
    await this.enqueue(organizationId, null, null, "", false);
  }

  /** Submits a tick for every organization with something due; answers how many. */
  async sweepDue(): Promise<number> {
    const due = await this.store.dueOrganizationIds(this.clock(), limits.batchCommandsMax);
    await Promise.all(due.map((id) => this.tick(id)));
    return due.length;
  }

  /** Sweeps every `intervalMs`, so expiries are written soon after they fall due. */
  startSweeper(intervalMs = 1000): void {
    if (this.sweeper !== null) return;
    this.sweeper = setInterval(() => {
      this.sweepDue().catch(() => {});
    }, intervalMs);
    this.sweeper.unref();
  }

  /**
   * The organization's whole committed state moved to now, every open hold included: for tools
   * that inspect the ledger (the simulator, the demo). Never written.
   */
  async readState(organizationId: string): Promise<LedgerState | null> {
    const state = await this.store.readState(organizationId);
    if (state === null) return null;
    beginBatch(state, this.clock(), () => "txn_view");
    return state;
  }

  /**
   * The organization's committed state moved to now: a view for reads, never written. It holds
   * the pools, the live grants and the open holds due by now, not every open hold, so its cost
   * follows the tree and the grants, whatever the number of holds in flight.
   */
  readView(organizationId: string): Promise<LedgerState | null> {
    return viewOf(this, this.store, organizationId, this.clock);
  }

  /** Resolves once every queued command has been answered. */
  async drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.drain();
  }

  private enqueue(
    organizationId: string,
    command: Command | null,
    key: string | null,
    fingerprint: string,
    callerIds = false,
    audit: AuditIntent | null = null,
  ) {
    if (this.queue.length >= limits.engineQueueMax) {
      return Promise.resolve(errorAnswer("overloaded", ""));
    }
    return new Promise<EngineAnswer>((resolve, reject) => {
      const pending = { organizationId, command, key, fingerprint, callerIds, audit };
      this.queue.push({ ...pending, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    queueMicrotask(() => void this.loop());
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchMax);
      // Sockets and timers must be served between batches. A store that waits on the network
      // (PostgreSQL) lets the event loop turn during the batch, and the next starts at once; a
      // synchronous one (SQLite) never does, and the next batch waits for one turn.
      const turned = eventLoopTurn();
      await this.runBatch(batch);
      await turned;
    }
    this.running = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const started = performance.now();
    const byOrganization = new Map<string, Pending[]>();
    for (const pending of batch) {
      const group = byOrganization.get(pending.organizationId);
      if (group === undefined) byOrganization.set(pending.organizationId, [pending]);
      else group.push(pending);
    }
    const organizationIds = [...byOrganization.keys()].sort();
    const answers = new Map<Pending, EngineAnswer>();
    let transfers = 0;
    try {
      const fast = await this.tryWithoutLock(organizationIds, batch, answers);
      if (fast !== null) transfers = fast;
      else {
        answers.clear();
        transfers = await this.runLocked(organizationIds, byOrganization, answers);
      }
    } catch (error) {
      for (const organizationId of organizationIds) this.cache.delete(organizationId);
      if (error instanceof TalliesUnloaded) {
        const wanted = this.talliesWanted.get(error.organizationId) ?? [];
        this.talliesWanted.set(error.organizationId, [...new Set([...wanted, ...error.keys])]);
        this.queue.unshift(...batch);
        return;
      }
      if (error instanceof CommandFailed) {
        const message = error.cause instanceof Error ? error.cause.message : String(error.cause);
        error.pending.resolve(errorAnswer("internal_error", message));
        this.queue.unshift(...batch.filter((pending) => pending !== error.pending));
        return;
      }
      await this.isolateFailure(batch, byOrganization, error);
      return;
    }
    for (const pending of batch) {
      const answer = answers.get(pending);
      if (answer === undefined) pending.reject(new Error("a command was left unanswered"));
      else pending.resolve(answer);
    }
    this.onBatch?.({
      commands: batch.length,
      organizations: organizationIds.length,
      transfers,
      durationMs: performance.now() - started,
    });
  }

  /**
   * A batch failed at the store and nothing of it was written. The failure belongs to one of its
   * commands, or to the store itself; either way no other command may share it. Each organization
   * is tried again on its own, and one organization's commands are split in halves (in order) until
   * the failing command is alone: it alone is rejected, the rest are answered as if it had never
   * been submitted. A bad command among n costs about 2·log2(n) failed transactions.
   */
  private async isolateFailure(
    batch: Pending[],
    byOrganization: Map<string, Pending[]>,
    error: unknown,
  ): Promise<void> {
    if (batch.length === 1) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const parts =
      byOrganization.size > 1
        ? [...byOrganization.values()]
        : [batch.slice(0, batch.length >> 1), batch.slice(batch.length >> 1)];
    for (const part of parts) await this.runBatch(part);
  }

  /**
   * The fast path for one organization whose state is cached: apply the batch to the cache as if
   * no other node had written and no key were a replay, then write it in one atomic step that
   * succeeds only if both held. Answers the number of transfers, or null when the batch must run
   * under lock instead (nothing was written, and the cached state is dropped).
   */
  private async tryWithoutLock(
    organizationIds: readonly string[],
    batch: readonly Pending[],
    answers: Map<Pending, EngineAnswer>,
  ): Promise<number | null> {
    const [organizationId] = organizationIds;
    const writeIfUnchanged = this.store.writeIfUnchanged?.bind(this.store);
    if (
      organizationIds.length !== 1 ||
      organizationId === undefined ||
      writeIfUnchanged === undefined
    ) {
      return null;
    }
    const cached = this.cache.get(organizationId);
    if (cached === undefined || batch.some((pending) => pending.callerIds)) return null;
    // An audited command extends the chain under the lock; admin changes are rare (decision 0020).
    if (batch.some((pending) => pending.audit !== null)) return null;
    // A command naming a settled hold or grant needs it loaded, which only the locked path does.
    if (namesUnloaded(cached.state, batch)) return null;
    if (batch.some(({ command }) => missingTallies(cached.state, command).length > 0)) return null;
    const applied = applyGroup(
      this.ids,
      cached.row,
      cached.state,
      batch,
      this.clock(),
      new Map(),
      answers,
      this.auditView,
    );
    if (!(await writeIfUnchanged(applied.write, cached.row.version))) {
      this.cache.delete(organizationId);
      return null;
    }
    this.settle(applied.write.organization, cached.state);
    return applied.write.transfers.length;
  }

  /** The general path: one transaction that locks every organization of the batch first. */
  private async runLocked(
    organizationIds: readonly string[],
    byOrganization: Map<string, Pending[]>,
    answers: Map<Pending, EngineAnswer>,
  ): Promise<number> {
    let transfers = 0;
    const committed = await this.store.transaction(async (tx) => {
      const rows = await tx.lockOrganizations(organizationIds);
      const now = this.clock();
      const done: { row: OrganizationRow; state: LedgerState; loaded: (Hold | Grant)[] }[] = [];
      for (const organizationId of organizationIds) {
        const group = byOrganization.get(organizationId) ?? [];
        const row = rows.get(organizationId);
        if (row === undefined) {
          for (const pending of group)
            answers.set(pending, errorAnswer("organization_not_found", ""));
          continue;
        }
        const state = await this.stateFor(tx, row);
        const loaded = await loadReferenced(tx, state, group);
        await loadTallies(tx, state, group, this.talliesWanted.get(organizationId));
        const keys = group.flatMap((pending) => (pending.key === null ? [] : [pending.key]));
        const stored = keys.length === 0 ? new Map() : await tx.findAnswers(row.id, keys);
        const applied = applyGroup(
          this.ids,
          row,
          state,
          group,
          now,
          stored,
          answers,
          this.auditView,
        );
        await tx.write(applied.write);
        transfers += applied.write.transfers.length;
        done.push({ row: applied.write.organization, state, loaded });
      }
      return done;
    });
    for (const { row, state, loaded } of committed) {
      this.talliesWanted.delete(row.id);
      this.settle(row, state, loaded);
    }
    return transfers;
  }

  /** After a commit: the state matches the database at the row's new version. */
  private settle(
    row: OrganizationRow,
    state: LedgerState,
    loaded: readonly (Hold | Grant)[] = [],
  ): void {
    pruneSettled(state, loaded);
    clearDirty(state);
    this.cache.delete(row.id);
    this.cache.set(row.id, { row, state });
    if (this.cache.size > this.cachedMax) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
  }

  /** The cached state when no other node has committed since; otherwise a fresh load. */
  private async stateFor(tx: StoreTransaction, row: OrganizationRow): Promise<LedgerState> {
    const cached = this.cache.get(row.id);
    if (cached !== undefined && cached.row.version === row.version) return cached.state;
    this.cache.delete(row.id);
    return tx.loadState(row);
  }
}

/** Resolves once the event loop has turned: its I/O and timers were served. */
function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
