/**
 * Export: every organization's journal (and, through the same source interface, any other
 * per-organization sequence of rows) published to a stream, at least once, in sequence order per
 * organization, each message carrying its row's id for de-duplication.
 *
 * A pass visits at most `exportOrganizationsPerPassMax` organizations behind, after the last
 * pass's, and takes one step for each: claim the organization (a lease, so two nodes share the
 * organizations out), read a page of rows past its checkpoint, publish them, and move the
 * checkpoint to the last row the stream acknowledged, freeing the lease in the same write. Rows
 * published but not acknowledged, or acknowledged but not checkpointed (a crash in between), are
 * published again by the next step: the stream drops a repeat within its duplicate window, and a
 * consumer de-duplicates by id beyond it. A publish that fails ends the pass, so a stream that is
 * down costs one failed publish a pass, and nothing else of creditpool waits on it.
 */
import { limits, type Transfer } from "@creditpool/core";
import type { Clock } from "../ids.ts";
import type { EventRow, ExportKey, Store } from "../store/port.ts";

/** One row of a source, ready to publish. */
export interface ExportRow {
  /** Stable and unique: the message id the stream de-duplicates by. */
  readonly id: string;
  /** The row's place in its organization's sequence: the checkpoint moves to it. */
  readonly sequence: number;
  /** The subject's last tokens, after `<prefix>.<organization>.` (`transfers`). */
  readonly subject: string;
  /** The message: a JSON object, to which the organization's id is added. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * A per-organization sequence of rows to export. A second source (the events outbox) is a name,
 * a read of rows after a sequence, and the line that tells the store its heads.
 */
export interface ExportSource {
  /** The checkpoint's source name. */
  readonly name: string;
  /** The organization's rows after `sequence`, in sequence order, at most `limit`. */
  rowsAfter(organizationId: string, sequence: number, limit: number): Promise<ExportRow[]>;
}

/** The journal as a source: every transfer, rendered by `view` (the API's transfer view). */
export function journalSource(
  store: Store,
  view: (transfer: Transfer) => Readonly<Record<string, unknown>>,
): ExportSource {
  return {
    name: "transfers",
    async rowsAfter(organizationId, sequence, limit) {
      const transfers = await store.listTransfers(organizationId, {
        afterSequence: sequence,
        limit,
      });
      return transfers.map((transfer) => ({
        id: transfer.id,
        sequence: transfer.sequence,
        subject: "transfers",
        body: view(transfer),
      }));
    },
  };
}

/**
 * The event outbox as a source: every event (`store/events.ts`), rendered by `view` (the API's
 * event view), under `events.<type>` so a consumer may take one type alone.
 */
export function eventsSource(
  store: Store,
  view: (event: EventRow) => Readonly<Record<string, unknown>>,
): ExportSource {
  return {
    name: "events",
    async rowsAfter(organizationId, sequence, limit) {
      const events = await store.listEvents(organizationId, { afterSequence: sequence, limit });
      return events.map((event) => ({
        id: event.id,
        sequence: event.sequence,
        subject: `events.${event.type}`,
        body: view(event),
      }));
    },
  };
}

export interface ExportMessage {
  readonly subject: string;
  /** The message id (`Nats-Msg-Id`). */
  readonly id: string;
  readonly data: string;
}

/** What a publish achieved: the first `acknowledged` messages are stored by the stream. */
export interface PublishReport {
  readonly acknowledged: number;
  /** Of the acknowledged, those the stream already held (dropped by their id). */
  readonly duplicates: number;
  /** Why the message after the acknowledged ones was not, if one was not. */
  readonly error?: unknown;
}

/** Where messages go: publishes in order and says how many of the first were acknowledged. */
export interface ExportPublisher {
  publish(messages: readonly ExportMessage[]): Promise<PublishReport>;
}

/** What one step of one organization did. */
export interface ExportStep {
  readonly organizationId: string;
  readonly source: string;
  readonly published: number;
  readonly duplicates: number;
  /** Messages sent and not acknowledged. */
  readonly failed: number;
  /** Rows of the organization not exported yet, as far as this node knows. */
  readonly lag: number;
}

export interface ExportPassReport {
  readonly organizations: number;
  readonly published: number;
  readonly duplicates: number;
}

export interface ExportOptions {
  /** The exporter's name: the stream's, so that another stream starts from the beginning. */
  readonly exporter: string;
  /** Subjects are `<subjectPrefix>.<organization id>.<source subject>`. */
  readonly subjectPrefix: string;
  /** This node's name in leases: unique among the nodes sharing the database. */
  readonly node: string;
  readonly rowsPerStep?: number;
  readonly organizationsPerPass?: number;
  readonly leaseMs?: number;
  /** Told of every step, for metrics. */
  readonly onStep?: (step: ExportStep) => void;
}

/** A publish failed: the pass ended there, and the checkpoint holds what was acknowledged. */
export class PublishFailed extends Error {}

export class ExportService {
  /** Where each source's next pass starts: round every organization behind, in id order. */
  private readonly cursors = new Map<string, string>();
  private readonly rowsPerStep: number;
  private readonly organizationsPerPass: number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly publisher: ExportPublisher,
    private readonly sources: readonly ExportSource[],
    private readonly options: ExportOptions,
  ) {
    this.rowsPerStep = Math.min(
      options.rowsPerStep ?? limits.exportRowsPerStepMax,
      limits.exportRowsPerStepMax,
    );
    this.organizationsPerPass = Math.min(
      options.organizationsPerPass ?? limits.exportOrganizationsPerPassMax,
      limits.exportOrganizationsPerPassMax,
    );
    this.leaseMs = options.leaseMs ?? limits.exportLeaseMs;
    if (this.rowsPerStep < 1 || this.organizationsPerPass < 1 || this.leaseMs < 1)
      throw new Error("an export takes at least one row and one organization a pass");
  }

  /**
   * One pass: one step for each organization behind (at most `organizationsPerPass` of them,
   * after the last pass's). Throws `PublishFailed` when the stream did not take a message.
   */
  async pass(): Promise<ExportPassReport> {
    let organizations = 0;
    let published = 0;
    let duplicates = 0;
    for (const source of this.sources) {
      const behind = await this.store.exportsBehind(
        this.options.exporter,
        source.name,
        this.clock(),
        this.organizationsPerPass,
        this.cursors.get(source.name) ?? "",
      );
      const last = behind.length < this.organizationsPerPass ? "" : behind.at(-1)?.organizationId;
      this.cursors.set(source.name, last ?? "");
      // A step waits on the stream's acknowledgement of each message in turn, so a few
      // organizations in flight keep the stream busy; each one's rows stay in order.
      for (let first = 0; first < behind.length; first += limits.exportStepsAtOnceMax) {
        const steps = await Promise.allSettled(
          behind
            .slice(first, first + limits.exportStepsAtOnceMax)
            .map(({ organizationId, head }) => this.step(source, organizationId, head)),
        );
        for (const step of steps) {
          if (step.status === "rejected") throw step.reason;
          if (step.value === null) continue;
          organizations += 1;
          published += step.value.published;
          duplicates += step.value.duplicates;
        }
      }
    }
    return { organizations, published, duplicates };
  }

  /**
   * Exports one page of the organization's rows, unless another node holds it (null). `head` is
   * the source's last sequence when the pass began, for the lag reported.
   */
  async step(
    source: ExportSource,
    organizationId: string,
    head: number,
  ): Promise<ExportStep | null> {
    const { store, options } = this;
    const key: ExportKey = { exporter: options.exporter, source: source.name, organizationId };
    const now = this.clock();
    const from = await store.claimExport(key, options.node, now, now + this.leaseMs);
    if (from === null) return null;
    let moved = false;
    try {
      const rows = await source.rowsAfter(organizationId, from, this.rowsPerStep);
      checkOrder(rows, from);
      const report = await this.publisher.publish(
        rows.map((row) => ({
          subject: `${options.subjectPrefix}.${organizationId}.${row.subject}`,
          id: row.id,
          data: JSON.stringify({ ...row.body, organization: organizationId }),
        })),
      );
      const acknowledged = rows[report.acknowledged - 1];
      const to = acknowledged?.sequence ?? from;
      // A lease that ran out mid-step lets another node move it first: the next step re-reads.
      if (to > from)
        moved = await store.moveExportCheckpoint(key, options.node, from, to, this.clock());
      const step: ExportStep = {
        organizationId,
        source: source.name,
        published: report.acknowledged,
        duplicates: report.duplicates,
        failed: report.error === undefined ? 0 : rows.length - report.acknowledged,
        lag: Math.max(0, head - to),
      };
      options.onStep?.(step);
      if (report.error !== undefined)
        throw new PublishFailed(`publishing to the stream failed: ${describe(report.error)}`, {
          cause: report.error,
        });
      return step;
    } finally {
      // The move freed the lease; otherwise it is freed here for the next pass, on any node. A
      // release that fails too (the database down) must not hide the first failure: the lease
      // then runs out by itself.
      if (!moved) await store.releaseExport(key, options.node).catch(() => {});
    }
  }
}

/** Rows must come after the checkpoint, in strictly increasing sequence order. */
function checkOrder(rows: readonly ExportRow[], from: number): void {
  let previous = from;
  for (const row of rows) {
    if (row.sequence <= previous)
      throw new Error(`export rows out of order: ${row.sequence} after ${previous}`);
    previous = row.sequence;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
