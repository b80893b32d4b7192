/**
 * Test clocks in process memory, with the databases' contract (`../test-clocks.ts`): a clock is
 * stored only for an organization with an empty journal and none yet, its answer claiming its key
 * in the same step.
 */
import type { ScopedAnswer } from "../directory.ts";
import type { Mutex } from "../mutex.ts";
import type { StoredAnswer } from "../records.ts";
import type { TestClockRow } from "../test-clocks.ts";
import { type KeptAnswer, keptOf, storedOf } from "./kept.ts";

/** What the test clocks use of the memory store. */
export interface TestClocksHost {
  readonly lock: Mutex;
  /** The answers of a scope; callers hold the lock. */
  answersIn(scope: string): Map<string, KeptAnswer>;
  /** An organization's next journal sequence, or null when it does not exist. */
  nextSequence(organizationId: string): number | null;
}

export class MemoryTestClocks {
  private readonly clocks = new Map<string, TestClockRow>();

  constructor(private readonly host: TestClocksHost) {}

  insert(row: TestClockRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null | false> {
    return this.host.lock.run(async () => {
      const answers = answer === null ? null : this.host.answersIn(answer.scope);
      const stored = answer === null ? undefined : answers?.get(answer.key);
      if (stored !== undefined) return storedOf(stored);
      if (this.host.nextSequence(row.organizationId) !== 1) return false;
      if (this.clocks.has(row.organizationId)) return false;
      this.clocks.set(row.organizationId, { ...row });
      if (answer !== null) answers?.set(answer.key, keptOf(answer));
      return null;
    });
  }

  async read(organizationId: string): Promise<TestClockRow | null> {
    const row = this.clocks.get(organizationId);
    return row === undefined ? null : { ...row };
  }

  async find(id: string): Promise<TestClockRow | null> {
    const row = [...this.clocks.values()].find((each) => each.id === id);
    return row === undefined ? null : { ...row };
  }
}
