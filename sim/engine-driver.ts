/**
 * The simulator's driver over the server's engine and a real store: every batch goes through the
 * engine's queue, one transaction, the store's rows and the engine's cached state, so the
 * simulator checks the whole write path against the reference model, not only the pure core.
 * Given fault options, it injects faults at the store (`faults.ts`) and recovers from them as a
 * client would: it sends a rejected command again under its idempotency key, and after a crash
 * opens a new engine on the same store. The answers it hands back must still be the answers of
 * the batch applied once, in order.
 */
import {
  type Command,
  type HoldStatus,
  type LedgerSnapshot,
  type LedgerState,
  newPool,
  noDueTime,
  type Outcome,
  type PoolBalances,
  poolBalances,
} from "@creditpool/core";
import { Engine } from "../packages/server/src/engine/engine.ts";
import type { LedgerRequest } from "../packages/server/src/engine/requests.ts";
import { type EngineAnswer, grantFigures } from "../packages/server/src/engine/results.ts";
import { type IdSource, seededRandomFill, ulidIdSource } from "../packages/server/src/ids.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import {
  type Endings,
  type GrantBalance,
  type JournalProof,
  type LedgerDriver,
  type LedgerSetup,
  proveSnapshot,
} from "./driver.ts";
import { type FaultOptions, FaultPlan, InjectedFault, StoreFaults } from "./faults.ts";

interface Submission {
  /** Null for an empty batch: a tick that applies what fell due. */
  readonly command: Command | null;
  readonly key: string;
  /**
   * A create command whose new id was never sent before: it goes the way a request over HTTP
   * does, with the id made by the engine's id source (which hands out the simulator's id), not
   * chosen by the caller. A retry goes the same way.
   */
  readonly fresh: boolean;
}

/** The id a create command makes, and the prefix the engine's id source is asked for. */
function newIdOf(command: Command): { prefix: "pool" | "grant" | "hold"; id: string } | null {
  if (command.type === "create_pool") return { prefix: "pool", id: command.poolId };
  if (command.type === "create_grant") return { prefix: "grant", id: command.grantId };
  if (command.type === "create_hold") return { prefix: "hold", id: command.holdId };
  return null;
}

/** A create command as an HTTP request makes it: without the new id. */
function requestOf(command: Command): LedgerRequest {
  if (command.type === "create_pool") {
    const { poolId: _, ...request } = command;
    return request;
  }
  if (command.type === "create_grant") {
    const { grantId: _, ...request } = command;
    return request;
  }
  if (command.type === "create_hold") {
    const { holdId: _, ...request } = command;
    return request;
  }
  if (command.type === "reallocate") {
    const { newGrantId: _, ...request } = command;
    return request;
  }
  return command;
}

type Answered = { readonly outcome: Outcome | null; readonly replayed: boolean };

export class EngineDriver implements LedgerDriver {
  private nowMs: number;
  /** The id the engine's id source hands out next for its prefix, while a request is taken. */
  private chosenId: { prefix: string; id: string } | null = null;
  /** Every new id sent so far: a create command reusing one goes as the caller's choice. */
  private readonly sentIds = new Set<string>();
  /** How far behind the simulator's clock the lagging engine's clock runs, for `skew`. */
  private lagMs = 0;
  /** The engine whose clock lags, opened at the first `skew`; it keeps its cache between them. */
  private lagging: Engine | null = null;
  /** Whether the views after this batch are read through the lagging engine. */
  private viewsLag = false;
  /** The state last read for the views, and the `now` it was read at; none since a batch. */
  private viewed: { now: number; state: LedgerState | null } | null = null;
  private readonly clock = () => this.nowMs;
  private readonly ids: IdSource;
  private engine: Engine;
  private storeFaults: StoreFaults;
  /** The second engine on the same store, idle until a batch is sent to it. */
  private other: { engine: Engine; storeFaults: StoreFaults } | null = null;
  private keysIssued = 0;

  private constructor(
    private readonly store: Store,
    private readonly setup: LedgerSetup,
    private readonly plan: FaultPlan | null,
    private readonly second: SecondStore | null,
  ) {
    this.nowMs = setup.startAt;
    // One id source across restarts, as every process draws its own ids: a new engine must never
    // mint an id an earlier one already wrote.
    const made = ulidIdSource(this.clock, seededRandomFill(setup.startAt));
    this.ids = {
      next: (prefix) => {
        const chosen = this.chosenId;
        if (chosen === null || chosen.prefix !== prefix) return made.next(prefix);
        this.chosenId = null;
        return chosen.id;
      },
    };
    this.storeFaults = new StoreFaults(store);
    this.engine = this.openEngine();
  }

  /**
   * A driver over `store`. The second engine (`other-engine`, `race`) and the lagging one (`skew`)
   * go through `second.store` when given: for SQLite, another connection to the same file.
   */
  static async open(
    store: Store,
    setup: LedgerSetup,
    faults: FaultOptions | null = null,
    second: SecondStore | null = null,
  ): Promise<EngineDriver> {
    const root = newPool(
      {
        id: setup.rootPoolId,
        parentId: null,
        depth: 1,
        name: "root",
        drawsFromParent: false,
        limit: null,
        overageLimit: null,
      },
      setup.startAt,
    );
    const organization = {
      id: setup.organizationId,
      name: "simulated",
      rootPoolId: setup.rootPoolId,
      version: 1,
      lastNow: setup.startAt,
      nextSequence: 1,
      nextDueAt: noDueTime,
      createdAt: setup.startAt,
    };
    await store.transaction((tx) => tx.createOrganization(organization, root));
    const plan = faults === null ? null : new FaultPlan(setup.seed, faults);
    return new EngineDriver(store, setup, plan, second);
  }

  /**
   * Every command goes with an idempotency key of its own, so a command rejected by a fault is
   * sent again under the same key, as a client's SDK would: it must apply exactly once.
   */
  async apply(batch: readonly Command[], now: number): Promise<Outcome[]> {
    this.nowMs = now;
    this.viewed = null;
    this.viewsLag = false;
    const first = this.keysIssued + 1;
    this.keysIssued += batch.length;
    const submissions: Submission[] =
      batch.length === 0
        ? [{ command: null, key: "", fresh: false }]
        : batch.map((command, position) => {
            const made = newIdOf(command);
            const fresh = made !== null && !this.sentIds.has(made.id);
            if (made !== null) this.sentIds.add(made.id);
            return { command, key: `sim:${first + position}`, fresh };
          });
    const fault = this.plan?.next(batch.length) ?? null;
    let answered: Answered[];
    switch (fault?.kind ?? null) {
      case "restart":
        this.plan?.count("restart");
        await this.restart();
        answered = await this.submitAll(submissions);
        break;
      case "other-engine":
        this.plan?.count("other-engine");
        this.switchEngine();
        answered = await this.submitAll(submissions);
        break;
      case "write":
        answered = await this.failOneWrite(submissions, fault?.victim ?? 0);
        break;
      case "crash-before":
      case "crash-after":
        answered = await this.crash(submissions, fault?.kind === "crash-after");
        break;
      case "slow":
        answered = await this.slow(submissions, fault?.delayMs ?? 1);
        break;
      case "race":
        answered = await this.race(submissions, fault?.delayMs ?? 1);
        break;
      case "skew":
        answered = await this.skewed(submissions, fault?.skewMs ?? 1);
        break;
      default:
        answered = await this.submitAll(submissions);
    }
    return answered.flatMap((answer) => (answer.outcome === null ? [] : [answer.outcome]));
  }

  faultCounts(): ReadonlyMap<string, number> {
    return this.plan?.counts ?? new Map();
  }

  async poolBalances(poolIds: readonly string[], now: number): Promise<PoolBalances[]> {
    const state = await this.stateAt(now);
    return poolIds.map((poolId) => {
      const pool = state?.pools.get(poolId);
      if (state === null || pool === undefined) throw new Error(`engine driver: no pool ${poolId}`);
      return poolBalances(state, pool);
    });
  }

  async grants(grantIds: readonly string[], now: number): Promise<(GrantBalance | null)[]> {
    const state = await this.stateAt(now);
    const answers: (GrantBalance | null)[] = [];
    for (const grantId of grantIds) {
      // A grant the engine let go of (settled) is read from the store, one by one.
      const grant =
        state?.grants.get(grantId) ??
        (await this.store.readGrant(this.setup.organizationId, grantId));
      if (grant === null) {
        answers.push(null);
        continue;
      }
      // As the API shows a grant: an expired or voided one has nothing remaining.
      const { remaining, held, status } = grantFigures(grant, now);
      answers.push({ remaining, held, status });
    }
    return answers;
  }

  /**
   * The committed state moved to `now`, read once for the pool and the grant views that follow a
   * batch (nothing is written in between).
   */
  private async stateAt(now: number): Promise<LedgerState | null> {
    if (this.viewed?.now === now) return this.viewed.state;
    this.nowMs = now;
    // The view the HTTP reads use: live grants, and only the open holds due by now.
    const engine = this.viewsLag && this.lagging !== null ? this.lagging : this.engine;
    const state = await engine.readView(this.setup.organizationId);
    this.viewed = { now, state };
    return state;
  }

  /** How the store ended each, read one by one; the engine keeps nothing to forget. */
  async retire(holdIds: readonly string[], grantIds: readonly string[]): Promise<Endings> {
    const { organizationId } = this.setup;
    const holds = new Map<string, HoldStatus>();
    const grants = new Map<string, "expired" | "voided" | "open">();
    for (const id of holdIds) {
      const hold = await this.store.readHold(organizationId, id);
      if (hold !== null) holds.set(id, hold.status);
    }
    for (const id of grantIds) {
      const grant = await this.store.readGrant(organizationId, id);
      if (grant !== null) grants.set(id, grant.closed ?? "open");
    }
    return { holds, grants };
  }

  /** The journal once everything due by now is written, as the core driver's views leave it. */
  async prove(): Promise<JournalProof> {
    return proveSnapshot(await this.snapshot());
  }

  private async snapshot(): Promise<LedgerSnapshot> {
    await this.engine.tick(this.setup.organizationId);
    return this.store.readSnapshot(this.setup.organizationId);
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.other?.engine.close();
    await this.lagging?.close();
    await this.store.close();
    await this.second?.store.close();
    await this.second?.remove();
  }

  private openEngine(): Engine {
    return new Engine({ store: this.storeFaults.store, clock: this.clock, ids: this.ids });
  }

  /** A new engine on the same store: nothing cached, everything read back from the rows. */
  private async restart(): Promise<void> {
    await this.engine.close();
    this.storeFaults = new StoreFaults(this.store);
    this.engine = this.openEngine();
  }

  /**
   * Sends what follows to the other engine, which keeps the cache it had when it last served: one
   * batch after another, as two nodes behind a load balancer may take turns.
   */
  private switchEngine(): void {
    const current = { engine: this.engine, storeFaults: this.storeFaults };
    if (this.other === null) {
      this.storeFaults = new StoreFaults(this.second?.store ?? this.store);
      this.engine = this.openEngine();
    } else {
      ({ engine: this.engine, storeFaults: this.storeFaults } = this.other);
    }
    this.other = current;
  }

  private submit(submission: Submission, engine = this.engine): Promise<Answered> {
    const id = this.setup.organizationId;
    const { command, key } = submission;
    if (command === null) {
      return engine.tick(id).then(() => ({ outcome: null, replayed: false }));
    }
    let answered: Promise<EngineAnswer>;
    const made = submission.fresh ? newIdOf(command) : null;
    if (made === null) answered = engine.apply(id, command, { idempotencyKey: key });
    else {
      // The engine asks its id source for the new id while it takes the request, synchronously.
      this.chosenId = made;
      answered = engine.submit(id, requestOf(command), { idempotencyKey: key });
      this.chosenId = null;
    }
    return answered.then((answer) => {
      const { code, result } = answer;
      const outcome = result.kind === "refused" ? { code, poolId: result.poolId } : { code };
      return { outcome, replayed: answer.replayed === true };
    });
  }

  /** Submits every command at once, so the engine groups them as it would concurrent callers. */
  private async submitAll(submissions: readonly Submission[]): Promise<Answered[]> {
    return Promise.all(submissions.map((submission) => this.submit(submission)));
  }

  /** Submits every command at once; sorts the answers from the rejections a fault caused. */
  private async submitSettled(submissions: readonly Submission[]) {
    const settled = await Promise.allSettled(submissions.map((s) => this.submit(s)));
    const answers = new Map<Submission, Answered>();
    const rejected: Submission[] = [];
    for (const [position, result] of settled.entries()) {
      const submission = submissions[position];
      if (submission === undefined) continue;
      if (result.status === "fulfilled") answers.set(submission, result.value);
      else if (result.reason instanceof InjectedFault) rejected.push(submission);
      else throw result.reason;
    }
    return { answers, rejected };
  }

  /**
   * The victim's writes fail until the engine rejects it alone. The commands before it go in the
   * same group and must be answered as if it had never been sent; the victim is then sent again
   * with its key and must apply afresh, before the commands after it, which keeps the order the
   * reference model applied them in.
   */
  private async failOneWrite(
    submissions: readonly Submission[],
    victim: number,
  ): Promise<Answered[]> {
    const target = submissions[victim];
    if (target === undefined) throw new Error(`engine driver: no command at ${victim}`);
    this.storeFaults.failWritesOf(target.key);
    const { answers, rejected } = await this.submitSettled(submissions.slice(0, victim + 1));
    this.storeFaults.failWritesOf(null);
    const others = rejected.filter((submission) => submission !== target);
    if (others.length > 0) {
      throw new Error(`a write fault on ${target.key} also rejected ${others[0]?.key}`);
    }
    if (rejected.length > 0) {
      this.plan?.count("write");
      const again = await this.submit(target);
      if (again.replayed) throw new Error(`${target.key} was replayed after its write failed`);
      answers.set(target, again);
    }
    const rest = await this.submitAll(submissions.slice(victim + 1));
    return [...submissions.slice(0, victim + 1).map((s) => this.answerOf(answers, s)), ...rest];
  }

  /**
   * The batch's transaction crashes before or after its commit and takes the engine with it:
   * every command it held is rejected. A new engine on the same store gets them again with the
   * same keys; after a crash past the commit, each committed one must answer its stored answer.
   */
  private async crash(submissions: readonly Submission[], afterCommit: boolean) {
    this.storeFaults.crashNext(afterCommit ? "crash-after" : "crash-before");
    const { answers, rejected } = await this.submitSettled(submissions);
    // A batch of invalid commands never reaches the store: nothing crashed, nothing to retry.
    this.storeFaults.crashNext(null);
    if (rejected.length === 0) return submissions.map((s) => this.answerOf(answers, s));
    this.plan?.count(afterCommit ? "crash-after" : "crash-before");
    const committed = this.storeFaults.committedKeys;
    await this.restart();
    const again = await this.submitAll(rejected);
    for (const [position, submission] of rejected.entries()) {
      const replayed = again[position]?.replayed === true;
      if (submission.command !== null && replayed !== committed.has(submission.key)) {
        const what = replayed ? "replayed" : "applied again";
        throw new Error(`${submission.key} was ${what} after a crash`);
      }
      const answer = again[position];
      if (answer !== undefined) answers.set(submission, answer);
    }
    return submissions.map((s) => this.answerOf(answers, s));
  }

  /**
   * Each commit waits a few milliseconds; the second half of the batch is sent while the first
   * is in its transaction, so the engine queues it and groups it into a later transaction.
   */
  private async slow(submissions: readonly Submission[], delayMs: number) {
    this.plan?.count("slow");
    this.storeFaults.slowCommits(delayMs);
    try {
      const half = (submissions.length + 1) >> 1;
      const first = submissions.slice(0, half).map((s) => this.submit(s));
      await new Promise((resolve) => setImmediate(resolve));
      const second = submissions.slice(half).map((s) => this.submit(s));
      return await Promise.all([...first, ...second]);
    } finally {
      this.storeFaults.slowCommits(0);
    }
  }

  /**
   * Two engines at once on one store: the first half of the batch goes to this engine with its
   * commit slowed; while that transaction is open, the second half goes to the other engine,
   * whose cache is stale. The store serializes the two transactions in that order, so the other
   * engine must find the first's commit by its version and apply after it, as the model did.
   */
  private async race(submissions: readonly Submission[], delayMs: number) {
    this.plan?.count("race");
    if (this.other === null) {
      this.switchEngine();
      this.switchEngine();
    }
    const other = this.other;
    if (other === null) throw new Error("engine driver: no second engine to race");
    this.storeFaults.slowCommits(delayMs);
    try {
      const half = (submissions.length + 1) >> 1;
      const first = submissions.slice(0, half).map((s) => this.submit(s));
      await new Promise((resolve) => setImmediate(resolve));
      const second = submissions.slice(half).map((s) => this.submit(s, other.engine));
      return await Promise.all([...first, ...second]);
    } finally {
      this.storeFaults.slowCommits(0);
    }
  }

  /**
   * The batch goes to an engine whose clock reads `skewMs` behind the simulator's, after this
   * engine has written at the simulator's time (an empty tick), as a node with a slow clock takes
   * a request right after one with a good clock. It must apply at the organization's time, the
   * later of the two, which is the model's, and the views after it are read through it as well.
   */
  private async skewed(submissions: readonly Submission[], skewMs: number) {
    this.plan?.count("skew");
    this.lagMs = skewMs;
    if (this.lagging === null) {
      this.lagging = new Engine({
        store: this.second?.store ?? this.store,
        clock: () => this.nowMs - this.lagMs,
        ids: this.ids,
      });
    }
    const lagging = this.lagging;
    await this.submit({ command: null, key: "", fresh: false });
    this.viewsLag = true;
    return Promise.all(submissions.map((s) => this.submit(s, lagging)));
  }

  private answerOf(answers: Map<Submission, Answered>, submission: Submission): Answered {
    const answer = answers.get(submission);
    if (answer === undefined) throw new Error(`engine driver: ${submission.key} has no answer`);
    return answer;
  }
}

/** A second connection to the driver's store, and how to remove what it was made in. */
export interface SecondStore {
  readonly store: Store;
  /** Removes the database both stores opened, once both are closed. */
  remove(): void | Promise<void>;
}
