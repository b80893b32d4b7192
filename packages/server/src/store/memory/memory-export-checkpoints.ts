/**
 * Export checkpoints in process memory, with the databases' contract (`../export-checkpoints.ts`):
 * a claim takes a free or expired lease, a move is conditional on the checkpoint it read.
 */
import type { ExportBehind, ExportCheckpointStore, ExportKey } from "../export-checkpoints.ts";
import type { Mutex } from "../mutex.ts";
import { compare } from "./kept.ts";

/** What the export part uses of the memory store. */
export interface ExportHost {
  readonly lock: Mutex;
  /** Each organization's last journal sequence. */
  journalHeads(): Iterable<[organizationId: string, head: number]>;
  /** Each organization's last event sequence. */
  eventHeads(): Iterable<[organizationId: string, head: number]>;
}

interface Checkpoint {
  exportedTo: number;
  leasedBy: string;
  leaseUntil: number;
}

const keyText = (key: ExportKey) => `${key.exporter}\n${key.source}\n${key.organizationId}`;

export class MemoryExportCheckpoints implements ExportCheckpointStore {
  private readonly checkpoints = new Map<string, Checkpoint>();

  constructor(private readonly host: ExportHost) {}

  async exportCheckpoint(key: ExportKey): Promise<number> {
    return this.checkpoints.get(keyText(key))?.exportedTo ?? 0;
  }

  async exportsBehind(
    exporter: string,
    source: string,
    now: number,
    limit: number,
    after = "",
  ): Promise<ExportBehind[]> {
    const behind: ExportBehind[] = [];
    for (const [organizationId, head] of this.heads(source)) {
      if (compare(organizationId, after) <= 0) continue;
      const kept = this.checkpoints.get(keyText({ exporter, source, organizationId }));
      const exportedTo = kept?.exportedTo ?? 0;
      if (head > exportedTo && (kept?.leaseUntil ?? 0) <= now)
        behind.push({ organizationId, exportedTo, head });
    }
    return behind.sort((a, b) => compare(a.organizationId, b.organizationId)).slice(0, limit);
  }

  /** Each organization's last sequence of a source; a new source adds its line here. */
  private heads(source: string): Iterable<[string, number]> {
    if (source === "transfers") return this.host.journalHeads();
    if (source === "events") return this.host.eventHeads();
    throw new Error(`no export source named ${source}`);
  }

  claimExport(key: ExportKey, node: string, now: number, leaseUntil: number) {
    return this.host.lock.run(async () => {
      const kept = this.checkpoints.get(keyText(key));
      if (kept === undefined) {
        this.checkpoints.set(keyText(key), { exportedTo: 0, leasedBy: node, leaseUntil });
        return 0;
      }
      if (kept.leaseUntil > now && kept.leasedBy !== node) return null;
      kept.leasedBy = node;
      kept.leaseUntil = leaseUntil;
      return kept.exportedTo;
    });
  }

  moveExportCheckpoint(key: ExportKey, node: string, from: number, to: number, _now?: number) {
    if (to < from) throw new Error(`an export checkpoint never moves back (${from} to ${to})`);
    return this.host.lock.run(async () => {
      const kept = this.checkpoints.get(keyText(key));
      if (kept === undefined || kept.exportedTo !== from) return false;
      kept.exportedTo = to;
      if (kept.leasedBy === node) {
        kept.leasedBy = "";
        kept.leaseUntil = 0;
      }
      return true;
    });
  }

  releaseExport(key: ExportKey, node: string): Promise<void> {
    return this.host.lock.run(async () => {
      const kept = this.checkpoints.get(keyText(key));
      if (kept === undefined || kept.leasedBy !== node) return;
      kept.leasedBy = "";
      kept.leaseUntil = 0;
    });
  }
}
