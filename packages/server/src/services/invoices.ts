/**
 * Invoices: one per subscription per period. A draft follows the period as it runs (its lines are
 * the subscription's decisions); at the period's end the renewal finalizes it, numbered and never
 * changed again, and then it is marked paid or void here. Collecting the money stays with the
 * organization's payment provider.
 */
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { InvoiceRow } from "../store/billing.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
import { type Plan, planOf } from "./plans.ts";

export type { InvoiceRow } from "../store/billing.ts";

export type InvoiceMark = "paid" | "void";

/** An invoice with the plan version it keeps (null when it names none), for printing. */
export interface InvoiceWithPlan {
  readonly invoice: InvoiceRow;
  readonly plan: Plan | null;
}

export class InvoiceService {
  constructor(private readonly context: ServiceContext) {}

  /** The organization's invoices by id (optionally of one subscription), one more than the page. */
  async list(
    principal: Principal,
    page: { startingAfter?: string | undefined; limit: number },
    subscriptionId: string | undefined,
  ): Promise<InvoiceRow[]> {
    const organizationId = requirePermission(principal, "billing.read");
    return this.context.store.listInvoices(organizationId, {
      limit: page.limit + 1,
      ...(page.startingAfter === undefined ? {} : { startingAfter: page.startingAfter }),
      ...(subscriptionId === undefined ? {} : { subscriptionId }),
    });
  }

  async read(principal: Principal, id: string): Promise<InvoiceRow> {
    const organizationId = requirePermission(principal, "billing.read");
    return this.load(organizationId, id);
  }

  /** The invoice and its plan version: plan versions are never changed, so this is what it was. */
  async readWithPlan(principal: Principal, id: string): Promise<InvoiceWithPlan> {
    const organizationId = requirePermission(principal, "billing.read");
    const invoice = await this.load(organizationId, id);
    const { planScope, planId, planVersion } = invoice;
    if (planScope === null || planId === null || planVersion === null)
      return { invoice, plan: null };
    const stored = await this.context.store.readPlan(planScope, planId, planVersion);
    return { invoice, plan: stored === null ? null : planOf(stored) };
  }

  /** Marks a finalized invoice paid or void; the answer is stored with the change. */
  async mark(
    principal: Principal,
    id: string,
    mark: InvoiceMark,
    idempotencyKey: string,
    render: Render<InvoiceRow>,
  ): Promise<Written<InvoiceRow>> {
    const { store, clock } = this.context;
    const organizationId = requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, `invoices.${mark}`, { id });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const invoice = await this.load(organizationId, id);
    if (invoice.status !== "finalized") throw new Refusal("invoice_not_open", undefined, "id");
    const now = clock();
    const next: InvoiceRow = {
      ...invoice,
      status: mark,
      updatedAt: now,
      version: invoice.version + 1,
    };
    const view = render(next);
    const audit = auditEntry(
      this.context,
      principal,
      organizationId,
      {
        action: mark === "paid" ? "invoice.paid" : "invoice.voided",
        targetType: "invoice",
        targetId: id,
        before: render(invoice),
        after: view,
      },
      now,
    );
    const answer = answerOf(idempotency, view, now, audit);
    const stored = await store.saveInvoice(next, invoice.version, answer);
    if (stored === false) throw new Refusal("invoice_not_open", undefined, "id");
    if (stored !== true) return replayOf(idempotency, stored);
    return { made: next };
  }

  private async load(organizationId: string, id: string): Promise<InvoiceRow> {
    const invoice = await this.context.store.readInvoice(organizationId, id);
    if (invoice === null) throw new Refusal("invoice_not_found", undefined, "id");
    return invoice;
  }
}
