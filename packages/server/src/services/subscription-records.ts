/**
 * What a subscription keeps of its current period, stored as JSON with it: the ledger effects its
 * decisions call for (each applied once through the engine, under a key derived from the
 * subscription and the effect), and the invoice lines of the period. The invoice row is a
 * projection of these lines, so a decision and its lines are one conditional write.
 */
import type { Micros } from "@creditpool/core";

/** A grant the period calls for: its included credits, credits of seats added, a top-up. */
export interface GrantEffect {
  readonly id: string;
  readonly kind: "grant";
  readonly source: "plan" | "seat" | "purchase";
  readonly amount: Micros;
  readonly costBasis: Micros;
  readonly effectiveAt: number;
  /** Null: it never expires (a top-up). */
  readonly expiresAt: number | null;
  /** Null: nothing of it rolls over. */
  readonly rollover: { readonly cap: Micros; readonly expiresAt: number } | null;
  /** The grant's id, chosen with the decision so every reader can name it at once. */
  readonly grantId: string;
  /** Whether the engine has made it. */
  readonly applied: boolean;
}

/** Credits taken back from a grant of the period (seats removed under `claw_back`). */
export interface VoidEffect {
  readonly id: string;
  readonly kind: "void";
  readonly grantId: string;
  readonly amount: Micros;
  readonly done: boolean;
}

export type Effect = GrantEffect | VoidEffect;

export type LineKind =
  | "base"
  | "seats"
  | "seats_added"
  | "seats_removed"
  | "top_up"
  | "plan_credit"
  | "plan_charge";

/** One line of an invoice, in minor units of its currency (negative: a credit). */
export interface InvoiceLine {
  readonly id: string;
  readonly kind: LineKind;
  readonly description: string;
  readonly quantity: number;
  readonly amount: bigint;
  /** The span of the period the line covers, [from, to). */
  readonly from: number;
  readonly to: number;
}

export interface PeriodState {
  /** The credits the period included when it began: an amount rollover cap is a share of it. */
  readonly included: Micros;
  readonly invoiceId: string;
  readonly effects: readonly Effect[];
  readonly lines: readonly InvoiceLine[];
}

export function isApplied(effect: Effect): boolean {
  return effect.kind === "grant" ? effect.applied : effect.done;
}

export function invoiceTotal(lines: readonly InvoiceLine[]): bigint {
  return lines.reduce((sum, line) => sum + line.amount, 0n);
}

/** Bigints as `{ "$n": "digits" }`, so the JSON round-trips exactly. */
export function encodeState(state: PeriodState): string {
  return JSON.stringify(state, (_, value) =>
    typeof value === "bigint" ? { $n: value.toString() } : value,
  );
}

export function decodeState(text: string): PeriodState {
  return JSON.parse(text, reviveBigints) as PeriodState;
}

export function encodeLines(lines: readonly InvoiceLine[]): string {
  return JSON.stringify(lines, (_, value) =>
    typeof value === "bigint" ? { $n: value.toString() } : value,
  );
}

export function decodeLines(text: string): InvoiceLine[] {
  return JSON.parse(text, reviveBigints) as InvoiceLine[];
}

function reviveBigints(_: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$n" in value) {
    return BigInt((value as { $n: string }).$n);
  }
  return value;
}
