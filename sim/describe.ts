/** One-line text for the operations and outcomes a mismatch report prints. */
import { type Command, formatDecimal, type OverageLimit, type PoolLimit } from "@creditpool/core";
import type { SimOp } from "./workload.ts";

export function describeTime(at: number): string {
  return `${new Date(at).toISOString()} (${at})`;
}

function describeLimit(limit: PoolLimit | null | undefined): string {
  if (limit === undefined) return "";
  if (limit === null) return " limit=none";
  return ` limit=${limit.kind} ${formatDecimal(limit.amount)}/${limit.period}`;
}

function describeOverage(limit: OverageLimit | null | undefined): string {
  if (limit === undefined) return "";
  if (limit === null) return " overage=none";
  return ` overage=${formatDecimal(limit.amount)}/${limit.period}`;
}

function describeOptionalTime(at: number | null): string {
  return at === null ? "none" : describeTime(at);
}

export function describeCommand(command: Command): string {
  switch (command.type) {
    case "create_pool":
      return (
        `create_pool ${command.poolId} under ${command.parentId}` +
        ` draws_from_parent=${command.drawsFromParent}` +
        describeLimit(command.limit) +
        describeOverage(command.overageLimit)
      );
    case "update_pool":
      return (
        `update_pool ${command.poolId}` +
        describeLimit(command.limit) +
        describeOverage(command.overageLimit)
      );
    case "archive_pool":
      return `archive_pool ${command.poolId}`;
    case "boost_pool":
      return (
        `boost_pool ${command.poolId} by ${formatDecimal(command.amount)}` +
        ` until ${describeTime(command.until)}`
      );
    case "reallocate":
      return (
        `reallocate ${formatDecimal(command.amount)} of ${command.grantId}` +
        ` to ${command.newGrantId} at ${command.poolId}`
      );
    case "undo_reallocation":
      return `undo_reallocation ${command.grantId}`;
    case "create_grant":
      return (
        `create_grant ${command.grantId} at ${command.poolId}` +
        ` amount ${formatDecimal(command.amount)}` +
        ` priority ${command.priority} cost_basis ${formatDecimal(command.costBasis)}` +
        ` effective ${command.effectiveAt === null ? "now" : describeTime(command.effectiveAt)}` +
        ` expires ${describeOptionalTime(command.expiresAt)}`
      );
    case "void_grant":
      return `void_grant ${command.grantId}`;
    case "change_grant_expiry":
      return `change_grant_expiry ${command.grantId} to ${describeOptionalTime(command.expiresAt)}`;
    case "create_hold":
      return (
        `create_hold ${command.holdId} at ${command.poolId}` +
        ` amount ${formatDecimal(command.amount)}` +
        ` ttl ${command.ttlSeconds}s`
      );
    case "capture_hold":
      return `capture_hold ${command.holdId} amount ${formatDecimal(command.amount)}`;
    case "release_hold":
      return `release_hold ${command.holdId}`;
    case "record_usage":
      return `record_usage at ${command.poolId} amount ${formatDecimal(command.amount)}`;
    case "advance_time":
      return `advance_time to ${describeTime(command.to)}`;
  }
}

export function describeOp(op: SimOp): string {
  if (op.kind === "clock") return `clock -> ${describeTime(op.to)} (${op.why})`;
  return describeCommand(op.command);
}

export function describeOutcome(outcome: { code: string; poolId?: string }): string {
  return outcome.poolId === undefined ? outcome.code : `${outcome.code} at ${outcome.poolId}`;
}
