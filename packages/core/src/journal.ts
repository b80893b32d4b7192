/**
 * Appends transfers to the batch being applied. Every movement of credits goes through `post`,
 * which numbers it with the organization's next sequence.
 */
import type { Micros } from "./amount.ts";
import { consumingKinds } from "./attribution.ts";
import { invariant } from "./invariant.ts";
import type { Attribution, LedgerState, NextId, Transfer, TransferKind } from "./model.ts";

export interface ApplyContext {
  readonly state: LedgerState;
  readonly nextId: NextId;
  /** Transfers made so far in this batch, in sequence order. */
  readonly transfers: Transfer[];
}

export interface Movement {
  kind: TransferKind;
  from: string;
  to: string;
  amount: Micros;
  poolId: string;
  grantId?: string | null;
  holdId?: string | null;
  rateCardVersion?: string | null;
  /** Given on the movements that consume, and on no other. */
  attribution?: Attribution;
}

export function post(context: ApplyContext, movement: Movement): void {
  invariant(movement.amount > 0n, `a ${movement.kind} transfer moves a positive amount`);
  invariant(movement.from !== movement.to, "a transfer moves between two accounts");
  invariant(
    (movement.attribution !== undefined) === isConsuming(movement.kind),
    `a ${movement.kind} transfer carries an attribution exactly when it consumes`,
  );
  const { state } = context;
  context.transfers.push({
    id: context.nextId("txn"),
    sequence: state.nextSequence,
    kind: movement.kind,
    debitAccount: movement.from,
    creditAccount: movement.to,
    amount: movement.amount,
    poolId: movement.poolId,
    grantId: movement.grantId ?? null,
    holdId: movement.holdId ?? null,
    rateCardVersion: movement.rateCardVersion ?? null,
    at: state.now,
    ...(movement.attribution === undefined ? {} : { attribution: movement.attribution }),
  });
  state.nextSequence += 1;
}

function isConsuming(kind: TransferKind): boolean {
  return (consumingKinds as readonly TransferKind[]).includes(kind);
}
