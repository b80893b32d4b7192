/**
 * Retention: a stored answer is kept as long as DESIGN promises and no longer. An idempotency key
 * is forgotten after `limits.idempotencyRetentionMs` (7 days), a usage event id or outcome key
 * after `limits.usageEventIdRetentionMs` (40 days, longer than any event can still be accepted).
 * Forgetting goes in transactions of at most `limits.answersPrunedPerBatchMax` answers, with a
 * turn of the event loop between them, so it never holds the write lock long. Decision records of
 * refused holds are forgotten after `limits.decisionRetentionMs` (30 days), likewise.
 */
import { limits } from "@creditpool/core";
import type { Clock } from "../ids.ts";
import type { AnswerCutoffs, Store } from "../store/port.ts";

export interface RetentionReport {
  /** Answers forgotten in this pass. */
  readonly forgotten: number;
  /** Transactions it took. */
  readonly batches: number;
  /** Decision records forgotten in this pass. */
  readonly decisionsForgotten: number;
}

export class RetentionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The times before which answers are forgotten, as of now. */
  cutoffs(): AnswerCutoffs {
    const now = this.clock();
    return {
      requestsBefore: now - limits.idempotencyRetentionMs,
      eventsBefore: now - limits.usageEventIdRetentionMs,
    };
  }

  /** Forgets every answer past its retention, oldest first, a bounded batch at a time. */
  async forgetExpiredAnswers(): Promise<RetentionReport> {
    const cutoffs = this.cutoffs();
    const batchMax = limits.answersPrunedPerBatchMax;
    let forgotten = 0;
    let batches = 0;
    for (;;) {
      const count = await this.store.pruneAnswers(cutoffs, batchMax);
      forgotten += count;
      batches += 1;
      if (count < batchMax) break;
      await turn();
    }
    const decisionsBefore = this.clock() - limits.decisionRetentionMs;
    let decisionsForgotten = 0;
    for (;;) {
      const count = await this.store.pruneDecisions(
        decisionsBefore,
        limits.decisionsPrunedPerPassMax,
      );
      decisionsForgotten += count;
      batches += 1;
      if (count < limits.decisionsPrunedPerPassMax) break;
      await turn();
    }
    return { forgotten, batches, decisionsForgotten };
  }
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
