/**
 * Invoices: one per subscription and period, read as JSON or as a printable page, and marked paid
 * or void.
 */
import { createRoute } from "@hono/zod-openapi";
import type { InvoiceMark, InvoiceRow } from "../../services/invoices.ts";
import { decodeLines } from "../../services/subscription-records.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { InvoiceListQuery, InvoiceView, NoBody } from "../billing-schemas.ts";
import { invoiceHtml } from "../invoice-html.ts";
import { IdParam, listOf } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  htmlAnswers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const listInvoices = createRoute({
  method: "get",
  path: "/v1/invoices",
  operationId: "listInvoices",
  tags: ["Billing"],
  summary: "The organization's invoices, optionally of one subscription",
  security: bearerAuth,
  request: { query: InvoiceListQuery },
  responses: answers(listOf(InvoiceView), 200, "A page of invoices, by id"),
});

const readInvoice = createRoute({
  method: "get",
  path: "/v1/invoices/{id}",
  operationId: "getInvoice",
  tags: ["Billing"],
  summary: "An invoice and its lines",
  security: bearerAuth,
  request: { params: IdParam("inv") },
  responses: answers(InvoiceView, 200, "The invoice"),
});

const readInvoiceHtml = createRoute({
  method: "get",
  path: "/v1/invoices/{id}/html",
  operationId: "getInvoiceHtml",
  tags: ["Billing"],
  summary: "An invoice as a printable HTML page",
  description:
    "One self-contained page (inline styles, no script, nothing fetched) with the invoice's number (or Draft), status, organization, subscription, plan, period in the subscription's time zone, lines and total, and a PAID or VOID mark. Errors answer JSON as everywhere.",
  security: bearerAuth,
  request: { params: IdParam("inv") },
  responses: htmlAnswers("The invoice as HTML"),
});

/**
 * The page may hold text people chose (plan names, pack ids): escaped when rendered, and a browser
 * told to run nothing and fetch nothing should an escape ever be missed.
 */
const htmlHeaders = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "X-Content-Type-Options": "nosniff",
};

function markRoute(mark: InvoiceMark) {
  return createRoute({
    method: "post",
    path: `/v1/invoices/{id}/${mark === "paid" ? "pay" : "void"}`,
    operationId: mark === "paid" ? "payInvoice" : "voidInvoice",
    tags: ["Billing"],
    summary:
      mark === "paid"
        ? "Mark a finalized invoice paid (collected by your payment provider)"
        : "Void a finalized invoice",
    security: bearerAuth,
    request: { params: IdParam("inv"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
    responses: answers(InvoiceView, 200, "The invoice"),
  });
}

export function invoiceView(invoice: InvoiceRow) {
  return {
    id: invoice.id,
    object: "invoice" as const,
    subscription: invoice.subscriptionId,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    period_start: iso(invoice.periodStart) ?? "",
    period_end: iso(invoice.periodEnd) ?? "",
    lines: decodeLines(invoice.lines).map((line) => ({
      id: line.id,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      tier: line.tier ?? null,
      amount: line.amount.toString(),
      from: iso(line.from) ?? "",
      to: iso(line.to) ?? "",
    })),
    total: invoice.total.toString(),
    created_at: iso(invoice.createdAt) ?? "",
    finalized_at: iso(invoice.finalizedAt),
  };
}

export function invoiceRoutes(app: Api, deps: RouteDependencies): void {
  const { services } = deps;

  route(app, listInvoices, async (c) => {
    const query = c.req.valid("query");
    const rows = await services.invoices.list(
      c.get("principal"),
      { limit: query.limit, startingAfter: query.starting_after },
      query.subscription,
    );
    return c.json(page(rows.map(invoiceView), query.limit), 200);
  });

  route(app, readInvoice, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(invoiceView(await services.invoices.read(c.get("principal"), id)), 200);
  });

  route(app, readInvoiceHtml, async (c) => {
    const { id } = c.req.valid("param");
    const { invoice, plan } = await services.invoices.readWithPlan(c.get("principal"), id);
    const shown =
      plan === null ? null : { id: plan.id, version: plan.version, name: plan.terms.name };
    return c.body(invoiceHtml(invoice, shown), 200, htmlHeaders);
  });

  for (const mark of ["paid", "void"] as const) {
    route(app, markRoute(mark), async (c) => {
      const { id } = c.req.valid("param");
      const written = await services.invoices.mark(
        c.get("principal"),
        id,
        mark,
        idempotencyKey(c, deps),
        invoiceView,
      );
      if ("replay" in written) return replayResponse(c, written.replay, 200);
      return c.json(invoiceView(written.made), 200);
    });
  }
}
