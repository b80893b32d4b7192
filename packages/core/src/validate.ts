/**
 * Range checks every command passes before it reaches the ledger. The edge (HTTP, CLI) parses
 * text into commands; this is the one place that says what values a command may carry.
 */
import type { Micros } from "./amount.ts";
import { costProblem, type Meters, metersProblem, type Tags, tagsProblem } from "./attribution.ts";
import type { Command, CreateGrant } from "./commands.ts";
import { limits } from "./limits.ts";
import { grantSources, type OverageLimit, type PoolLimit, type ProviderCost } from "./model.ts";
import { periods } from "./period.ts";
import { textProblem } from "./text.ts";
import { checkOptionalText, checkPolicy } from "./validate-policy.ts";

export interface InvalidField {
  /** The field at fault, as the API names it (`amount`, `limit.period`). */
  readonly param: string;
  readonly reason: string;
}

export function validateCommand(command: Command): InvalidField | null {
  switch (command.type) {
    case "create_pool":
      return (
        checkId("id", command.poolId) ??
        checkId("parent", command.parentId) ??
        checkName(command.name) ??
        checkLimit(command.limit) ??
        checkOverage(command.overageLimit) ??
        checkPolicy(command.policy)
      );
    case "update_pool":
      return (
        checkId("id", command.poolId) ??
        (command.name === undefined ? null : checkName(command.name)) ??
        (command.limit === undefined ? null : checkLimit(command.limit)) ??
        (command.overageLimit === undefined ? null : checkOverage(command.overageLimit)) ??
        checkPolicy(command.policy)
      );
    case "archive_pool":
      return checkId("id", command.poolId);
    case "boost_pool":
      return (
        checkId("id", command.poolId) ??
        checkAmount("amount", command.amount, 0n) ??
        checkTime("until", command.until)
      );
    case "create_grant":
      return (
        checkId("id", command.grantId) ??
        checkId("pool", command.poolId) ??
        checkAmount("amount", command.amount, 1n) ??
        (grantSources.includes(command.source)
          ? null
          : { param: "source", reason: `must be one of ${grantSources.join(", ")}` }) ??
        checkInteger(
          "priority",
          command.priority,
          limits.grantPriorityMin,
          limits.grantPriorityMax,
        ) ??
        (command.effectiveAt === null ? null : checkTime("effective_at", command.effectiveAt)) ??
        (command.expiresAt === null ? null : checkTime("expires_at", command.expiresAt)) ??
        (command.expiresAt !== null &&
        command.effectiveAt !== null &&
        command.expiresAt <= command.effectiveAt
          ? { param: "expires_at", reason: "must be after effective_at" }
          : null) ??
        checkAmount("cost_basis", command.costBasis, 0n) ??
        checkRollover(command)
      );
    case "void_grant":
      return (
        checkId("id", command.grantId) ??
        (command.amount === undefined ? null : checkAmount("amount", command.amount, 1n))
      );
    case "reallocate":
      return (
        checkId("id", command.grantId) ??
        checkId("new_grant_id", command.newGrantId) ??
        (command.newGrantId === command.grantId
          ? { param: "new_grant_id", reason: "must differ from the grant's id" }
          : null) ??
        checkId("pool", command.poolId) ??
        checkAmount("amount", command.amount, 1n)
      );
    case "undo_reallocation":
      return (
        checkId("id", command.grantId) ??
        (command.sourceGrantId === undefined ? null : checkId("id", command.sourceGrantId))
      );
    case "advance_time":
      return checkTime("to", command.to);
    case "change_grant_expiry":
      return (
        checkId("id", command.grantId) ??
        (command.expiresAt === null ? null : checkTime("expires_at", command.expiresAt))
      );
    case "create_hold":
      return (
        checkId("id", command.holdId) ??
        checkId("pool", command.poolId) ??
        checkAmount("amount", command.amount, 1n) ??
        checkInteger(
          "ttl_seconds",
          command.ttlSeconds,
          limits.holdTtlSecondsMin,
          limits.holdTtlSecondsMax,
        ) ??
        checkOptionalText("member", command.memberId, limits.idLengthMax) ??
        checkOptionalText("key", command.keyId, limits.idLengthMax) ??
        checkOptionalText("model", command.model, limits.dimensionValueLengthMax) ??
        checkTags(command.tags) ??
        checkMeters(command.meters, command.amount) ??
        checkCost(command.cost)
      );
    case "capture_hold":
      return (
        checkId("id", command.holdId) ??
        checkAmount("amount", command.amount, 0n) ??
        checkMeters(command.meters, command.amount) ??
        checkCost(command.cost)
      );
    case "release_hold":
      return checkId("id", command.holdId);
    case "record_usage":
      return (
        checkId("pool", command.poolId) ??
        checkAmount("amount", command.amount, 1n) ??
        checkOptionalText("member", command.memberId, limits.idLengthMax) ??
        checkOptionalText("key", command.keyId, limits.idLengthMax) ??
        checkOptionalText("model", command.model, limits.dimensionValueLengthMax) ??
        checkTags(command.tags) ??
        checkMeters(command.meters, command.amount) ??
        checkCost(command.cost)
      );
  }
}

function checkTags(tags: Tags | undefined): InvalidField | null {
  const problem = tags === undefined ? null : tagsProblem(tags);
  return problem === null ? null : { param: "tags", reason: problem };
}

function checkMeters(meters: Meters | undefined, amount: Micros): InvalidField | null {
  const problem = meters === undefined ? null : metersProblem(meters, amount);
  return problem === null ? null : { param: "meters", reason: problem };
}

function checkCost(cost: ProviderCost | undefined): InvalidField | null {
  const problem = cost === undefined ? null : costProblem(cost);
  return problem === null ? null : { param: "cost", reason: problem };
}

function checkId(param: string, id: string): InvalidField | null {
  const problem = textProblem(id, limits.idLengthMax);
  return problem === null ? null : { param, reason: problem };
}

function checkName(name: string): InvalidField | null {
  const problem = textProblem(name, limits.poolNameLengthMax);
  return problem === null ? null : { param: "name", reason: problem };
}

function checkAmount(param: string, amount: Micros, minimum: Micros): InvalidField | null {
  if (amount < minimum)
    return { param, reason: minimum > 0n ? "must be positive" : "must not be negative" };
  if (amount > limits.amountMicrosMax) return { param, reason: "is above the maximum amount" };
  return null;
}

function checkInteger(
  param: string,
  value: number,
  minimum: number,
  maximum: number,
): InvalidField | null {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    return { param, reason: `must be an integer from ${minimum} to ${maximum}` };
  }
  return null;
}

function checkTime(param: string, value: number): InvalidField | null {
  return checkInteger(param, value, limits.timeMsMin, limits.timeMsMax);
}

function checkRollover(command: CreateGrant): InvalidField | null {
  const rollover = command.rollover;
  if (rollover === undefined || rollover === null) return null;
  if (command.expiresAt === null)
    return { param: "rollover", reason: "needs the grant to have expires_at" };
  return (
    checkId("rollover.grant_id", rollover.grantId) ??
    (rollover.grantId === command.grantId
      ? { param: "rollover.grant_id", reason: "must differ from the grant's id" }
      : null) ??
    checkAmount("rollover.cap", rollover.cap, 1n) ??
    checkTime("rollover.expires_at", rollover.expiresAt) ??
    (rollover.expiresAt <= command.expiresAt
      ? { param: "rollover.expires_at", reason: "must be after the grant's expires_at" }
      : null)
  );
}

function checkLimit(limit: PoolLimit | null): InvalidField | null {
  if (limit === null) return null;
  if (limit.kind !== "hard" && limit.kind !== "soft")
    return { param: "limit.kind", reason: "must be hard or soft" };
  if (!periods.includes(limit.period))
    return { param: "limit.period", reason: "must be day, week or month" };
  return checkAmount("limit.amount", limit.amount, 0n);
}

function checkOverage(limit: OverageLimit | null): InvalidField | null {
  if (limit === null) return null;
  if (!periods.includes(limit.period))
    return { param: "overage_limit.period", reason: "must be day, week or month" };
  return checkAmount("overage_limit.amount", limit.amount, 0n);
}
