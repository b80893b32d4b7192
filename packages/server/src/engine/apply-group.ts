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
  type CreateHold,
  formatDecimal,
  type Grant,
  type Hold,
  holdEvidence,
  InvariantError,
  type LedgerState,
  type Outcome,
  type RecordUsage,
  referencedIds,
  talliesNeeded,
} from "@creditpool/core";
import type { IdSource } from "../ids.ts";
import type {
  AnswerRow,
  AuditEntry,
  BatchWrite,
  DecisionRow,
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

/**
 * A command needs governance tallies the state has not loaded (a policy change earlier in its
 * batch gave it new ones): nothing of the batch is kept; it runs again with these loaded first.
 */
export class TalliesUnloaded extends Error {
  constructor(
    readonly organizationId: string,
    readonly keys: readonly string[],
  ) {
    super("a command needs tallies not loaded");
  }
}

/** The tallies a command needs that the state has not loaded. */
export function missingTallies(state: LedgerState, command: Command | null): string[] {
  if (command === null) return [];
  return talliesNeeded(state, command).filter((key) => !state.tallies.has(key));
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
  const decisions: DecisionRow[] = [];
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
    const missing = missingTallies(state, pending.command);
    if (missing.length > 0) throw new TalliesUnloaded(state.organizationId, missing);
    let answer: EngineAnswer;
    const before = pending.audit === null ? null : auditBefore(state, pending.command);
    try {
      const outcome = applyCommand(context, pending.command);
      const decision = decisionOf(ids, state, pending.command, outcome);
      if (decision !== null) decisions.push(decision);
      answer = answerFor(state, pending.command, outcome, decision?.id ?? null);
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
      tallies: [...state.dirty.tallies].map((key) => {
        const counter = state.tallies.get(key);
        if (counter === undefined) throw new Error(`tally ${key} changed but not loaded`);
        return [key, { ...counter }] as const;
      }),
      decisions,
      ...(audit.length === 0 ? {} : { audit }),
    },
  };
}

/** The record of a refused hold or of usage flagged, or null for anything else. */
function decisionOf(
  ids: IdSource,
  state: LedgerState,
  command: Command,
  outcome: Outcome,
): DecisionRow | null {
  const { refusal, flagged } = outcome;
  if (command.type === "record_usage" && flagged !== undefined) {
    const evidence = { model: command.model ?? null, recorded: formatDecimal(command.amount) };
    return {
      ...decisionBase(ids, state, command),
      kind: "usage",
      code: flagged.code,
      poolId: flagged.poolId,
      rateCardVersion: command.rateCardVersion ?? null,
      retryAfterMs: null,
      evidence: JSON.stringify(evidence),
    };
  }
  if (command.type !== "create_hold" || refusal === undefined) return null;
  return {
    ...decisionBase(ids, state, command),
    kind: "hold",
    code: refusal.code,
    poolId: refusal.poolId,
    rateCardVersion: command.rateCardVersion ?? null,
    retryAfterMs: refusal.rate?.retryAfterMs ?? null,
    evidence: JSON.stringify(holdEvidence(state, command, refusal)),
  };
}

function decisionBase(ids: IdSource, state: LedgerState, command: CreateHold | RecordUsage) {
  return {
    id: ids.next("dec"),
    at: state.now,
    holdPoolId: command.poolId,
    amount: command.amount,
    memberId: command.memberId ?? null,
    keyId: command.keyId ?? null,
    model: command.model ?? null,
  };
}

/**
 * Loads the tallies the group's commands need, as the state is before them, and `extra` keys a
 * previous attempt found missing. A tally never stored is loaded as zero: it is known now.
 */
export async function loadTallies(
  tx: StoreTransaction,
  state: LedgerState,
  group: readonly Pending[],
  extra: readonly string[] = [],
): Promise<void> {
  const keys = new Set(extra.filter((key) => !state.tallies.has(key)));
  for (const { command } of group) for (const key of missingTallies(state, command)) keys.add(key);
  if (keys.size === 0) return;
  const found = await tx.loadTallies(state.organizationId, [...keys]);
  for (const key of keys) state.tallies.set(key, found.get(key) ?? { start: 0, amount: 0n });
}

/** Whether a command names a hold or grant the state does not hold (settled, or unknown). */
export function namesUnloaded(state: LedgerState, group: readonly Pending[]): boolean {
  return group.some(({ command }) => {
    if (command === null) return false;
    const { holdId, grantId, sourceGrantId } = referencedIds(command);
    return (
      (holdId !== undefined && !state.holds.has(holdId)) ||
      (grantId !== undefined && !state.grants.has(grantId)) ||
      (sourceGrantId !== undefined && !state.grants.has(sourceGrantId))
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
    const { holdId, grantId, sourceGrantId } = referencedIds(command, callerIds);
    if (holdId !== undefined && !state.holds.has(holdId)) holdIds.add(holdId);
    for (const id of [grantId, sourceGrantId])
      if (id !== undefined && !state.grants.has(id)) grantIds.add(id);
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
