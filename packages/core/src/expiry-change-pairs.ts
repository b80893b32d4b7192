/**
 * What `verify` checks of expiry changes: each takes a grant's unheld credits to issuance and
 * gives them back in the very next transfer, the same amount at the same time. Anything else is a
 * movement the journal cannot explain as a change of expiry.
 */
import type { Transfer } from "./model.ts";

type Flag = (rule: string, subject: string, detail: string) => void;

export class ExpiryChangePairs {
  /** The first half of an expiry change, until the transfer that must give it back. */
  private open: Transfer | null = null;

  constructor(private readonly flag: Flag) {}

  /** Takes every transfer of the journal in sequence order. */
  add(transfer: Transfer): void {
    const open = this.open;
    this.open = null;
    if (open !== null) {
      const givesBack =
        transfer.kind === "expiry_change" &&
        transfer.debitAccount === open.creditAccount &&
        transfer.creditAccount === open.debitAccount &&
        transfer.amount === open.amount &&
        transfer.at === open.at;
      if (givesBack) return;
      this.flag("expiry_change", `transfer ${open.id}`, "is not given back by the next transfer");
    }
    if (transfer.kind !== "expiry_change") return;
    if (transfer.debitAccount.startsWith("grant:")) this.open = transfer;
    else this.flag("expiry_change", `transfer ${transfer.id}`, "gives back what nothing took");
  }

  /** At the end of the journal: a first half still open was never given back. */
  finish(): void {
    if (this.open !== null)
      this.flag(
        "expiry_change",
        `transfer ${this.open.id}`,
        "is not given back by the next transfer",
      );
    this.open = null;
  }
}
