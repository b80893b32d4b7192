/**
 * The audit records of administrative commands applied in a batch (pools, grants). A caller asks
 * for one with `SubmitOptions.audit`; the batch records it only when its command applied, with
 * the object as it was before the command and as it is after, both read under the batch's lock,
 * so the record and the change commit together or not at all. The shape of the objects is the
 * API's, given to the engine as `AuditView` by whoever composes it: the engine shapes no view.
 */
import type { Command, LedgerState } from "@creditpool/core";
import type { AuditActor, AuditEntry } from "../store/port.ts";
import { grantFigures, type LedgerResult, poolFigures, resultId } from "./results.ts";

/**
 * An object the engine does not view (a test clock), named by the caller with its views before
 * and after: recorded as given, only if the command applies.
 */
export interface AuditTarget {
  readonly type: string;
  readonly id: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What a caller tells the engine to record of its command. */
export interface AuditIntent {
  readonly actor: AuditActor;
  readonly requestId: string | null;
  readonly action: string;
  readonly targetType: "pool" | "grant";
  /** Set for a command whose result names no pool or grant; `targetType` is then unused. */
  readonly target?: AuditTarget;
}

/** The API view of a pool or grant result; by default its figures with amounts as text. */
export type AuditView = (result: LedgerResult) => unknown;

export const figuresView: AuditView = (result) =>
  JSON.parse(
    JSON.stringify(
      result.kind === "pool" ? result.pool : result.kind === "grant" ? result.grant : null,
      (_, value) => (typeof value === "bigint" ? value.toString() : value),
    ),
  );

/** The object a command changes, as a result, before it applies; null for a new one. */
export function auditBefore(state: LedgerState, command: Command): LedgerResult | null {
  switch (command.type) {
    case "update_pool":
    case "archive_pool": {
      const pool = state.pools.get(command.poolId);
      return pool === undefined ? null : { kind: "pool", pool: poolFigures(state, pool) };
    }
    case "void_grant":
    case "change_grant_expiry": {
      const grant = state.grants.get(command.grantId);
      return grant === undefined ? null : { kind: "grant", grant: grantFigures(grant, state.now) };
    }
    default:
      return null;
  }
}

/** The record of an applied command, or null when its result names no object. */
export function auditEntryOf(
  id: string,
  organizationId: string,
  at: number,
  intent: AuditIntent,
  before: LedgerResult | null,
  after: LedgerResult,
  view: AuditView,
): AuditEntry | null {
  const { target } = intent;
  if (target !== undefined)
    return {
      id,
      organizationId,
      at,
      actor: intent.actor,
      requestId: intent.requestId,
      action: intent.action,
      targetType: target.type,
      targetId: target.id,
      before: target.before ?? null,
      after: target.after ?? null,
    };
  const targetId = resultId(after);
  if (targetId === null) return null;
  return {
    id,
    organizationId,
    at,
    actor: intent.actor,
    requestId: intent.requestId,
    action: intent.action,
    targetType: intent.targetType,
    targetId,
    before: before === null ? null : view(before),
    after: view(after),
  };
}
