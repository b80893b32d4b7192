/**
 * One organization's part of a batch: load what its commands name, answer replays from stored
 * answers, run the pure core over the rest in order, and gather the rows the batch must write.
 */
import {
  type ApplyContext,
  addGrant,
  addHold,
  applyCommand,
  beginBatch,
  type Command,
  type Grant,
  type Hold,
  InvariantError,
  type LedgerState,
  referencedIds,
} from "@creditpool/core";
import type { IdSource } from "../ids.ts";
import type {
  AnswerRow,
  AuditEntry,
  BatchWrite,
  OrganizationRow,
  StoredAnswer,
  StoreTransaction,
} from "../store/port.ts";
import { decodeAnswer, encodeAnswer } from "./answer-codec.ts";
import { type AuditIntent, type AuditView, auditBefore, auditEntryOf } from "./audit-entries.ts";
import { sameFingerprint } from "./requests.ts";
import { answerFor, type EngineAnswer, errorAnswer } from "./results.ts";

export interface Pending {
  readonly organizationId: string;
  /** Null for a tick: apply what fell due, nothing else. */
  readonly command: Command | null;
  readonly key: string | null;
  readonly fingerprint: string;
  /** The caller chose the new object's id: check it is not in use, even by a settled object. */
  readonly callerIds: boolean;
  /** The audit record to write when the command applies; null for commands not audited. */
  readonly audit: AuditIntent | null;
  readonly resolve: (answer: EngineAnswer) => void;
  readonly reject: (error: unknown) => void;
}

/** A command broke an invariant: it alone fails; the rest of its batch is tried again. */
export class CommandFailed extends Error {
  constructor(
    readonly pending: Pending,
    override readonly cause: unknown,
  ) {
    super("a command broke an invariant");
  }
}

/** Runs the core over one organization's commands and gathers what the batch must write. */
export function applyGroup(
  ids: IdSource,
  row: OrganizationRow,
  state: LedgerState,
  group: readonly Pending[],
  now: number,
  stored: Map<string, StoredAnswer>,
  answers: Map<Pending, EngineAnswer>,
  view: AuditView,
): { write: BatchWrite } {
  const context: ApplyContext = beginBatch(state, Math.max(now, row.lastNow), (prefix) =>
    ids.next(prefix),
  );
  const written: AnswerRow[] = [];
  const audit: AuditEntry[] = [];
  for (const pending of group) {
    const prior = pending.key === null ? undefined : stored.get(pending.key);
    if (prior !== undefined) {
      answers.set(
        pending,
        sameFingerprint(prior.fingerprint, pending.fingerprint)
          ? { ...decodeAnswer(prior.answer), replayed: true }
          : errorAnswer("idempotency_key_reused", "", "Idempotency-Key"),
      );
      continue;
    }
    if (pending.command === null) {
      answers.set(pending, { code: "ok", result: { kind: "none" }, message: "" });
      continue;
    }
    let answer: EngineAnswer;
    const before = pending.audit === null ? null : auditBefore(state, pending.command);
    try {
      answer = answerFor(state, pending.command, applyCommand(context, pending.command));
    } catch (error) {
      if (error instanceof InvariantError) throw new CommandFailed(pending, error);
      throw error;
    }
    answers.set(pending, answer);
    if (pending.audit !== null && answer.code === "ok") {
      const id = ids.next("aud");
      const entry = auditEntryOf(id, row.id, state.now, pending.audit, before, answer.result, view);
      if (entry !== null) audit.push(entry);
    }
    if (pending.key !== null) {
      const entry = {
        key: pending.key,
        fingerprint: pending.fingerprint,
        answer: encodeAnswer(answer),
        createdAt: state.now,
      };
      written.push(entry);
      stored.set(pending.key, entry);
    }
  }
  return {
    write: {
      organization: {
        ...row,
        version: row.version + 1,
        lastNow: state.now,
        nextSequence: state.nextSequence,
        nextDueAt: state.nextDueAt,
      },
      pools: [...state.dirty.pools],
      grants: [...state.dirty.grants],
      holds: [...state.dirty.holds],
      transfers: context.transfers,
      answers: written,
      ...(audit.length === 0 ? {} : { audit }),
    },
  };
}

/** Whether a command names a hold or grant the state does not hold (settled, or unknown). */
export function namesUnloaded(state: LedgerState, group: readonly Pending[]): boolean {
  return group.some(({ command }) => {
    if (command === null) return false;
    const { holdId, grantId } = referencedIds(command);
    return (
      (holdId !== undefined && !state.holds.has(holdId)) ||
      (grantId !== undefined && !state.grants.has(grantId))
    );
  });
}

/** Settled holds and spent grants are not kept in memory; load the ones commands name. */
export async function loadReferenced(
  tx: StoreTransaction,
  state: LedgerState,
  group: readonly Pending[],
): Promise<(Hold | Grant)[]> {
  const holdIds = new Set<string>();
  const grantIds = new Set<string>();
  for (const { command, callerIds } of group) {
    if (command === null) continue;
    const { holdId, grantId } = referencedIds(command, callerIds);
    if (holdId !== undefined && !state.holds.has(holdId)) holdIds.add(holdId);
    if (grantId !== undefined && !state.grants.has(grantId)) grantIds.add(grantId);
  }
  const loaded: (Hold | Grant)[] = [];
  if (holdIds.size > 0) loaded.push(...(await tx.loadHolds(state.organizationId, [...holdIds])));
  if (grantIds.size > 0) loaded.push(...(await tx.loadGrants(state.organizationId, [...grantIds])));
  for (const object of loaded) {
    if ("status" in object) addHold(state, object);
    else addGrant(state, object);
  }
  return loaded;
}
