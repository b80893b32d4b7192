/**
 * What a subscription keeps of its current period, stored as JSON with it: the ledger effects its
 * decisions call for (each applied once through the engine, under a key derived from the
 * subscription and the effect), and the invoice lines of the period. The invoice row is a
 * projection of these lines, so a decision and its lines are one conditional write.
 */
import type { Micros, TierSeats } from "@creditpool/core";
import { fromBigintJson, toBigintJson } from "../bigint-json.ts";

/** A grant the period calls for: its included credits, credits of seats added, a top-up. */
export interface GrantEffect {
  readonly id: string;
  readonly kind: "grant";
  readonly source: "plan" | "seat" | "purchase";
  /** The pool it goes to, when not the subscription's (a carrier's debt settled). */
  readonly poolId?: string;
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
  | "plan_charge"
  | "overage"
  | "commitment_true_up";

/** One line of an invoice, in minor units of its currency (negative: a credit). */
export interface InvoiceLine {
  readonly id: string;
  readonly kind: LineKind;
  readonly description: string;
  readonly quantity: number;
  /** The seat tier a seats line counts; absent or null: the plan's own seat. */
  readonly tier?: string | null;
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

/**
 * The subscription's columns for a period's state: the state as stored, and whether any of its
 * effects waits for the engine (so the renewal job finds a decision a crash left unapplied).
 */
export function stateFields(state: PeriodState): { state: string; effectsPending: boolean } {
  return { state: encodeState(state), effectsPending: !state.effects.every(isApplied) };
}

/** The period as stored, its bigints exact (`bigint-json.ts`). */
export function encodeState(state: PeriodState): string {
  return toBigintJson(state);
}

export function decodeState(text: string): PeriodState {
  return fromBigintJson(text) as PeriodState;
}

export function encodeLines(lines: readonly InvoiceLine[]): string {
  return toBigintJson(lines);
}

export function decodeLines(text: string): InvoiceLine[] {
  return fromBigintJson(text) as InvoiceLine[];
}

/** A subscription's seats of its plan's tiers, as its row keeps them. */
export function decodeTierSeats(text: string): TierSeats {
  return JSON.parse(text) as TierSeats;
}

/** Seats by tier as a row keeps them: tiers with none left out, in id order. */
export function encodeTierSeats(tierSeats: TierSeats): string {
  const kept = Object.entries(tierSeats)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(kept));
}
