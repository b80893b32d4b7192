/**
 * How an answer is stored with its idempotency key. Every command that has a key stores one, so
 * the form is chosen for the hot path: the answers of holds, captures, releases, usage and refusals
 * are a positional JSON array (about 130 bytes for a hold, against 350 as an object), built
 * without a replacer; pools and grants, rare and wide, keep the object form. A replay decodes any
 * form ever stored: positional (v3), object (v2) and rendered bodies from before answers were typed.
 *
 *   [3, code, message | 0, param | 0, kind, ...fields]
 *
 * `0` stands for the code's own summary (message) or for no field at fault (param). Amounts are
 * decimal strings, times epoch milliseconds.
 */

import type { HoldStatus, ResultCode } from "@creditpool/core";
import { fromBigintJson, toBigintJson } from "../bigint-json.ts";
import { type EngineAnswer, type HoldFigures, type LedgerResult, summary } from "./results.ts";

const positional = 3;

type HoldCells = [
  id: string,
  poolId: string,
  memberId: string | null,
  amount: string,
  status: HoldStatus,
  captured: string | null,
  rateCardVersion: string | null,
  expiresAt: number,
  createdAt: number,
];

export function encodeAnswer(answer: EngineAnswer): string {
  const { code, result, message, param } = answer;
  const head = [positional, code, message === summary(code) ? 0 : message, param ?? 0];
  switch (result.kind) {
    case "allowed":
    case "hold":
      return JSON.stringify([
        ...head,
        result.kind === "allowed" ? "a" : "h",
        ...holdCells(result.hold),
      ]);
    case "refused":
      return JSON.stringify([
        ...head,
        "r",
        result.poolId,
        result.decisionId ?? 0,
        ...(result.retryAfterMs === undefined ? [] : [result.retryAfterMs]),
      ]);
    case "usage":
      return JSON.stringify([
        ...head,
        "u",
        result.poolId,
        result.amount.toString(),
        ...(result.flagged === undefined
          ? []
          : [result.flagged.code, result.flagged.decisionId ?? 0]),
      ]);
    case "none":
      return JSON.stringify([...head, "n"]);
    default:
      return encodeObject(answer);
  }
}

/** A stored answer again, in whichever form it was stored. */
export function decodeAnswer(text: string): EngineAnswer {
  return text.startsWith("[") ? decodePositional(text) : decodeObject(text);
}

function holdCells(hold: HoldFigures): HoldCells {
  return [
    hold.id,
    hold.poolId,
    hold.memberId,
    hold.amount.toString(),
    hold.status,
    hold.captured === null ? null : hold.captured.toString(),
    hold.rateCardVersion,
    hold.expiresAt,
    hold.createdAt,
  ];
}

function holdOf(cells: HoldCells): HoldFigures {
  const [id, poolId, memberId, amount, status, captured, rateCardVersion, expiresAt, createdAt] =
    cells;
  return {
    id,
    poolId,
    memberId,
    amount: BigInt(amount),
    status,
    captured: captured === null ? null : BigInt(captured),
    rateCardVersion,
    expiresAt,
    createdAt,
  };
}

function decodePositional(text: string): EngineAnswer {
  const [version, code, message, param, kind, ...cells] = JSON.parse(text) as [
    number,
    ResultCode,
    string | 0,
    string | 0,
    string,
    ...unknown[],
  ];
  if (version !== positional) throw new Error(`unknown stored answer form ${version}`);
  const answer = {
    code,
    result: resultOf(kind, cells),
    message: message === 0 ? summary(code) : message,
  };
  return param === 0 ? answer : { ...answer, param };
}

function resultOf(kind: string, cells: unknown[]): LedgerResult {
  switch (kind) {
    case "a":
      return { kind: "allowed", hold: holdOf(cells as HoldCells) };
    case "h":
      return { kind: "hold", hold: holdOf(cells as HoldCells) };
    case "r":
      return refusedOf(cells);
    case "u":
      return usageOf(cells);
    case "n":
      return { kind: "none" };
    default:
      throw new Error(`unknown stored result kind ${kind}`);
  }
}

/** Usage as stored: its pool and amount, then (when flagged) the flag's code and decision. */
function usageOf(cells: unknown[]): LedgerResult {
  const [poolId, amount, flag, decisionId] = cells as [string, string, unknown, unknown];
  const usage = { kind: "usage" as const, poolId, amount: BigInt(amount) };
  if (typeof flag !== "string") return usage;
  return {
    ...usage,
    flagged: { code: flag, decisionId: typeof decisionId === "string" ? decisionId : null },
  };
}

/** A refusal as stored: its pool, then (since decision records) its decision and retry time. */
function refusedOf(cells: unknown[]): LedgerResult {
  const [poolId, decisionId, retryAfterMs] = cells as [string, string | 0 | undefined, unknown];
  const refused = {
    kind: "refused" as const,
    poolId,
    decisionId: typeof decisionId === "string" ? decisionId : null,
  };
  return cells.length > 2 ? { ...refused, retryAfterMs: retryAfterMs as number | null } : refused;
}

/** The object form (v2): any result, amounts boxed as `{ $n: "decimal" }`. */
function encodeObject(answer: EngineAnswer): string {
  const { code, result, message, param } = answer;
  return toBigintJson({ v: 2, code, result, message, param });
}

/** An object-form answer; one stored before answers were typed keeps its rendered body. */
function decodeObject(text: string): EngineAnswer {
  const stored = fromBigintJson(text) as {
    v?: number;
    code: ResultCode;
    result?: LedgerResult;
    message?: string;
    param?: string;
    body?: { message?: unknown };
  };
  const message =
    stored.message ??
    (typeof stored.body?.message === "string" ? stored.body.message : summary(stored.code));
  const result: LedgerResult =
    stored.v === 2 && stored.result !== undefined
      ? stored.result
      : { kind: "rendered", body: stored.body ?? {} };
  const answer = { code: stored.code, result, message };
  return stored.param === undefined ? answer : { ...answer, param: stored.param };
}
