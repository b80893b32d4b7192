/**
 * Faults at the store port, chosen by a seeded PRNG so a run with faults repeats exactly. Each
 * batch the simulator applies gets at most one fault, drawn by `FaultPlan`; `StoreFaults` wraps
 * the real store as one engine sees it and makes the fault happen there:
 *
 * - `write`: every write that carries one command's answer fails, as a database refuses a row,
 *   until that command has been rejected on its own; the rest of its batch must be answered as if
 *   it had never been submitted, and the command, sent again with its key, applies once.
 * - `crash-before`: the batch's transaction throws before its commit; nothing is written.
 * - `crash-after`: the transaction commits, then the engine sees an error instead of the commit.
 * - `restart`: the engine is closed and a new one opened on the same store, with a cold cache.
 * - `other-engine`: the batch goes to a second engine on the same store, whose cache is as it left
 *   it: stale whenever the first engine has written since, which its version check must notice.
 * - `slow`: the transaction waits a few milliseconds before its commit, so later commands queue
 *   behind it and the engine groups them differently.
 * - `race`: two engines at once: the first half of the batch goes to one engine, whose commit is
 *   slowed, and while it is in its transaction the second half goes to the other engine, whose
 *   transaction waits for the first's and must see it committed.
 * - `skew`: the batch goes to an engine whose clock runs up to five seconds behind the one that
 *   last wrote: it must apply at the organization's time, never its own earlier one, and read its
 *   views there too.
 *
 * A crash leaves that engine's store unreachable, as a process that lost its database: every
 * command it still holds is rejected, the driver opens a new engine on the same store and sends
 * the rejected commands again with the same idempotency keys.
 */
import { Prng } from "../packages/server/src/prng.ts";
import type { BatchWrite, Store, StoreTransaction } from "../packages/server/src/store/port.ts";

export const faultKinds = [
  "write",
  "crash-before",
  "crash-after",
  "restart",
  "other-engine",
  "slow",
  "race",
  "skew",
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultOptions {
  readonly kinds: readonly FaultKind[];
  /** The chance that a batch gets a fault, drawn per batch. */
  readonly rate: number;
}

/**
 * The fault one batch gets: a kind, the command a `write` fault picks, a `slow` or `race` commit's
 * delay, and how far behind a `skew` engine's clock runs.
 */
export interface BatchFault {
  readonly kind: FaultKind | null;
  /** The position in the batch of the command whose writes fail. */
  readonly victim: number;
  readonly delayMs: number;
  readonly skewMs: number;
}

const noFault: BatchFault = { kind: null, victim: -1, delayMs: 0, skewMs: 0 };
/** The chance of each command in turn to be the one a `write` fault picks. */
const victimChance = 0.3;

/** Reads `--faults`: `all`, `none`, or kinds separated by commas. */
export function parseFaultKinds(text: string): FaultKind[] {
  if (text === "all") return [...faultKinds];
  if (text === "none" || text === "") return [];
  const kinds = text.split(",").map((name) => name.trim());
  for (const kind of kinds) {
    if (!(faultKinds as readonly string[]).includes(kind)) {
      throw new RangeError(`--faults takes all, none or some of ${faultKinds.join(",")}: ${kind}`);
    }
  }
  return [...new Set(kinds as FaultKind[])];
}

/** A failure the simulator injected, told apart from any failure of the code under test. */
export class InjectedFault extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(`injected ${kind}: ${message}`);
    this.name = "InjectedFault";
  }
}

/**
 * The faults of one run, drawn from the run's seed apart from the workload's own draws, batch
 * by batch: a run cut short with `--ops` meets the same faults up to its last operation.
 */
export class FaultPlan {
  private readonly rng: Prng;
  /** Faults that happened, by kind: every kind the run may inject, even those that never did. */
  readonly counts: Map<FaultKind, number>;

  constructor(
    seed: number,
    private readonly options: FaultOptions,
  ) {
    this.counts = new Map(options.kinds.map((kind) => [kind, 0]));
    // Offset from the workload's stream, which starts from the same seed.
    this.rng = new Prng(seed + 0x5eed_fa17);
    if (!(options.rate >= 0 && options.rate <= 1)) {
      throw new RangeError(`a fault rate is between 0 and 1, got ${options.rate}`);
    }
  }

  /**
   * The fault for the next batch of `size` commands. A `write` fault walks the batch and picks
   * each command with a fixed chance, so a batch cut short meets the same pick up to its end.
   */
  next(size: number): BatchFault {
    const fires = this.rng.fraction() < this.options.rate;
    const choice = this.rng.fraction();
    const delayMs = this.rng.int(1, 4);
    const skewMs = this.rng.int(1, 5000);
    const { kinds } = this.options;
    if (!fires || kinds.length === 0) return noFault;
    const kind = kinds[Math.floor(choice * kinds.length)] ?? null;
    if (kind !== "write") return { kind, victim: -1, delayMs, skewMs };
    for (let victim = 0; victim < size; victim += 1) {
      if (this.rng.chance(victimChance)) return { kind, victim, delayMs, skewMs };
    }
    return noFault;
  }

  count(kind: FaultKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }
}

/**
 * The store as one engine sees it, with the faults armed for the next transaction. The real store
 * underneath is shared by every engine the driver opens; reads pass through untouched.
 */
export class StoreFaults {
  readonly store: Store;
  /** Set once a crash happened: from then on every transaction fails as that crash did. */
  private crashed: "crash-before" | "crash-after" | null = null;
  private failingKey: string | null = null;
  private crash: "crash-before" | "crash-after" | null = null;
  private delayMs = 0;
  /** The idempotency keys the crashed transaction committed, for a `crash-after`. */
  readonly committedKeys = new Set<string>();

  constructor(private readonly inner: Store) {
    this.store = new Proxy(inner, {
      get: (target, property) => {
        if (property === "transaction") return this.transaction.bind(this);
        if (property === "writeIfUnchanged" && target.writeIfUnchanged !== undefined)
          return this.writeIfUnchanged.bind(this);
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Fails every write that carries the answer stored under `key`; null stops it. */
  failWritesOf(key: string | null): void {
    this.failingKey = key;
  }

  /** Crashes the next transaction, before or after its commit; null disarms it. */
  crashNext(kind: "crash-before" | "crash-after" | null): void {
    this.crash = kind;
  }

  /** Makes every transaction wait `delayMs` before its commit; 0 stops it. */
  slowCommits(delayMs: number): void {
    this.delayMs = delayMs;
  }

  private check(batch: BatchWrite): void {
    const key = this.failingKey;
    if (key !== null && batch.answers.some((answer) => answer.key === key)) {
      throw new InjectedFault("write", `the write carrying ${key} is refused`);
    }
  }

  private async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.crashed !== null) throw new InjectedFault(this.crashed, "the store is unreachable");
    const crash = this.crash;
    this.crash = null;
    const written: string[] = [];
    const result = await this.inner.transaction(async (tx) => {
      const value = await work(this.faulty(tx, written));
      if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (crash === "crash-before") {
        this.crashed = crash;
        throw new InjectedFault(crash, "the transaction died before its commit");
      }
      return value;
    });
    if (crash === "crash-after") {
      for (const key of written) this.committedKeys.add(key);
      this.crashed = crash;
      throw new InjectedFault(crash, "the commit's answer was lost");
    }
    return result;
  }

  private async writeIfUnchanged(batch: BatchWrite, expectedVersion: number): Promise<boolean> {
    if (this.crashed !== null) throw new InjectedFault(this.crashed, "the store is unreachable");
    this.check(batch);
    const write = this.inner.writeIfUnchanged;
    if (write === undefined) throw new Error("the store has no writeIfUnchanged");
    return write.call(this.inner, batch, expectedVersion);
  }

  private faulty(tx: StoreTransaction, written: string[]): StoreTransaction {
    return new Proxy(tx, {
      get: (target, property) => {
        if (property === "write")
          return async (batch: BatchWrite) => {
            this.check(batch);
            await target.write(batch);
            for (const answer of batch.answers) written.push(answer.key);
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}
