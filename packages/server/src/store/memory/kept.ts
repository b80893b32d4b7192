/** What the memory store's parts share: answers as kept, pages of rows by id, and text order. */
import type { AuditEntry } from "../audit.ts";
import type { Page } from "../directory.ts";
import type { AnswerCutoffs, AnswerRow, StoredAnswer } from "../port.ts";
import { isEventKey, isKeptKey } from "../port.ts";

/** An answer as the memory store keeps it: with its age, for retention. */
export interface KeptAnswer extends StoredAnswer {
  readonly createdAt: number;
  /** The audit records its change carried, appended when it is stored (`AnswerMap`). */
  readonly audit?: readonly AuditEntry[];
}

export function keptOf(row: AnswerRow & { readonly audit?: readonly AuditEntry[] }): KeptAnswer {
  const kept = { fingerprint: row.fingerprint, answer: row.answer, createdAt: row.createdAt };
  return row.audit === undefined ? kept : { ...kept, audit: row.audit };
}

export function storedOf(kept: KeptAnswer): StoredAnswer {
  return { fingerprint: kept.fingerprint, answer: kept.answer };
}

export function pageOf<T extends { id: string }>(rows: readonly T[], page: Page): T[] {
  const after = page.startingAfter ?? "";
  return rows
    .filter((row) => row.id > after)
    .sort((a, b) => compare(a.id, b.id))
    .slice(0, page.limit);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Forgets at most `limit` of the answers older than their cutoff, the oldest first. */
export function pruneKept(
  scopes: readonly Map<string, KeptAnswer>[],
  cutoffs: AnswerCutoffs,
  limit: number,
): number {
  const expired: { answers: Map<string, KeptAnswer>; key: string; createdAt: number }[] = [];
  for (const answers of scopes) {
    for (const [key, { createdAt }] of answers) {
      if (isKeptKey(key)) continue;
      const cutoff = isEventKey(key) ? cutoffs.eventsBefore : cutoffs.requestsBefore;
      if (createdAt < cutoff) expired.push({ answers, key, createdAt });
    }
  }
  expired.sort((a, b) => a.createdAt - b.createdAt);
  const pruned = expired.slice(0, limit);
  for (const { answers, key } of pruned) answers.delete(key);
  return pruned.length;
}
