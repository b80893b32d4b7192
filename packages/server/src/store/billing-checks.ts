/** What every store checks of a billing write before it writes: programmer errors, not input. */
import { invariant } from "@creditpool/core";
import type { InvoiceRow, InvoiceWrite, SubscriptionRow } from "./billing.ts";

/**
 * The preconditions of a subscription's write, the same for every store: programmer errors, so
 * the tables' CHECK constraints are a second line the port never reaches.
 */
export function checkSubscription(row: SubscriptionRow): void {
  invariant(Number.isSafeInteger(row.seats) && row.seats >= 0, "seats are a count");
}

/** The preconditions of `updateSubscription`: the next version follows the expected one. */
export function checkSubscriptionUpdate(
  next: SubscriptionRow,
  expectedVersion: number,
  invoices: readonly InvoiceWrite[],
): void {
  checkSubscription(next);
  invariant(next.version === expectedVersion + 1, "a subscription's next version follows");
  for (const invoice of invoices) {
    invariant(invoice.row.organizationId === next.organizationId, "one organization's rows");
    checkInvoiceVersion(invoice.row, invoice.expectedVersion);
  }
}

/** An update of an invoice moves its version by one, as a subscription's does. */
export function checkInvoiceVersion(row: InvoiceRow, expectedVersion: number | null): void {
  invariant(expectedVersion === null || row.version === expectedVersion + 1, "versions follow");
}
