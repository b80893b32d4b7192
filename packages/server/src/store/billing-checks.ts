/**
 * What every store checks of a billing write before it writes: programmer errors, not input, so
 * the tables' CHECK constraints are a second line the port never reaches. The rows are described
 * by the fields checked alone, so this module needs nothing of `billing.ts`.
 */
import { invariant } from "@creditpool/core";

interface Versioned {
  readonly organizationId: string;
  readonly version: number;
}

/** A subscription's seats are a count. */
export function checkSubscription(row: { readonly seats: number }): void {
  invariant(Number.isSafeInteger(row.seats) && row.seats >= 0, "seats are a count");
}

/** The preconditions of `updateSubscription`: the next version follows the expected one. */
export function checkSubscriptionUpdate(
  next: Versioned & { readonly seats: number },
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
