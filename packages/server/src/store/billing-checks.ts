/**
 * What every store checks of a billing write before it writes: programmer errors, not input, so
 * the tables' CHECK constraints are a second line the port never reaches. The rows are described
 * by the fields checked alone, so this module needs nothing of `billing.ts`.
 */
import { invariant, seatsTotal, type TierSeats } from "@creditpool/core";

interface Versioned {
  readonly organizationId: string;
  readonly version: number;
}

interface Seated {
  readonly seats: number;
  /** JSON text: seats by tier id. */
  readonly tierSeats: string;
}

/** Seats of every kind a subscription has: its plan's own and each tier's. */
export function seatsOf(row: Seated): number {
  return seatsTotal(row.seats, JSON.parse(row.tierSeats) as TierSeats);
}

/** A subscription's seats are counts, of its plan's own seat and of each tier. */
export function checkSubscription(row: Seated): void {
  invariant(Number.isSafeInteger(row.seats) && row.seats >= 0, "seats are a count");
  const tiers = JSON.parse(row.tierSeats) as TierSeats;
  invariant(
    Object.values(tiers).every((count) => Number.isSafeInteger(count) && count > 0),
    "a tier's seats are a positive count, or the tier is left out",
  );
}

/** The preconditions of `updateSubscription`: the next version follows the expected one. */
export function checkSubscriptionUpdate(
  next: Versioned & Seated,
  expectedVersion: number,
  invoices: readonly { readonly row: Versioned; readonly expectedVersion: number | null }[],
): void {
  checkSubscription(next);
  invariant(next.version === expectedVersion + 1, "a subscription's next version follows");
  for (const invoice of invoices) {
    invariant(invoice.row.organizationId === next.organizationId, "one organization's rows");
    checkInvoiceVersion(invoice.row, invoice.expectedVersion);
  }
}

/** An update of an invoice moves its version by one, as a subscription's does. */
export function checkInvoiceVersion(
  row: { readonly version: number },
  expectedVersion: number | null,
): void {
  invariant(expectedVersion === null || row.version === expectedVersion + 1, "versions follow");
}
