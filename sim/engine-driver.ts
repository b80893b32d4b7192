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
  grantStatus,
  type LedgerSnapshot,
  newPool,
  noDueTime,
  type Outcome,
  type PoolBalances,
  poolBalances,
} from "@creditpool/core";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { type IdSource, seededRandomFill, ulidIdSource } from "../packages/server/src/ids.ts";
import { MemoryStore } from "../packages/server/src/store/memory/memory-store.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import {
  type DriverFactory,
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
}

type Answered = { readonly outcome: Outcome | null; readonly replayed: boolean };

export class EngineDriver implements LedgerDriver {
  private nowMs: number;
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
  ) {
    this.nowMs = setup.startAt;
    // One id source across restarts, as every process draws its own ids: a new engine must never
    // mint an id an earlier one already wrote.
    this.ids = ulidIdSource(this.clock, seededRandomFill(setup.startAt));
    this.storeFaults = new StoreFaults(store);
    this.engine = this.openEngine();
  }

  static async open(
    store: Store,
    setup: LedgerSetup,
    faults: FaultOptions | null = null,
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
    return new EngineDriver(store, setup, plan);
  }

  /**
   * Every command goes with an idempotency key of its own, so a command rejected by a fault is
   * sent again under the same key, as a client's SDK would: it must apply exactly once.
   */
  async apply(batch: readonly Command[], now: number): Promise<Outcome[]> {
    this.nowMs = now;
    const first = this.keysIssued + 1;
    this.keysIssued += batch.length;
    const submissions: Submission[] =
      batch.length === 0
        ? [{ command: null, key: "" }]
        : batch.map((command, position) => ({ command, key: `sim:${first + position}` }));
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
      default:
        answered = await this.submitAll(submissions);
    }
    return answered.flatMap((answer) => (answer.outcome === null ? [] : [answer.outcome]));
  }

  faultCounts(): ReadonlyMap<string, number> {
    return this.plan?.counts ?? new Map();
  }

  async poolBalances(poolIds: readonly string[], now: number): Promise<PoolBalances[]> {
    this.nowMs = now;
    const state = await this.engine.readState(this.setup.organizationId);
    return poolIds.map((poolId) => {
      const pool = state?.pools.get(poolId);
      if (state === null || pool === undefined) throw new Error(`engine driver: no pool ${poolId}`);
      return poolBalances(state, pool);
    });
  }

  async grants(grantIds: readonly string[], now: number): Promise<(GrantBalance | null)[]> {
    this.nowMs = now;
    const state = await this.engine.readState(this.setup.organizationId);
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
      const status = grantStatus(grant, now);
      const remaining = status === "expired" || status === "voided" ? 0n : grant.remaining;
      answers.push({ remaining, held: grant.held, status });
    }
    return answers;
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
    await this.store.close();
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
      this.storeFaults = new StoreFaults(this.store);
      this.engine = this.openEngine();
    } else {
      ({ engine: this.engine, storeFaults: this.storeFaults } = this.other);
    }
    this.other = current;
  }

  private submit(submission: Submission): Promise<Answered> {
    const id = this.setup.organizationId;
    const { command, key } = submission;
    if (command === null) {
      return this.engine.tick(id).then(() => ({ outcome: null, replayed: false }));
    }
    return this.engine.apply(id, command, { idempotencyKey: key }).then((answer) => {
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

  private answerOf(answers: Map<Submission, Answered>, submission: Submission): Answered {
    const answer = answers.get(submission);
    if (answer === undefined) throw new Error(`engine driver: ${submission.key} has no answer`);
    return answer;
  }
}

/** An engine driver over a fresh store of the kind named, injecting the faults given. */
export function engineDriverFactory(
  storeKind: "memory" | "sqlite",
  faults: FaultOptions | null = null,
): DriverFactory {
  return async (setup) => {
    const store = storeKind === "memory" ? new MemoryStore() : await openStore(":memory:");
    return EngineDriver.open(store, setup, faults);
  };
}

export const engineMemoryDriverFactory: DriverFactory = engineDriverFactory("memory");

export const engineSqliteDriverFactory: DriverFactory = engineDriverFactory("sqlite");
