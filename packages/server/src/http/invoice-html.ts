/**
 * An invoice as a printable HTML page: one self-contained document (inline CSS, no script, nothing
 * fetched), every value escaped, money formatted exactly from integer minor units. Pure: the same
 * invoice always renders the same page.
 */
import { currencyDigits } from "@creditpool/core";
import type { InvoiceRow } from "../services/invoices.ts";
import { decodeLines, type InvoiceLine } from "../services/subscription-records.ts";

/** What the page shows of the invoice's plan version, when the invoice keeps it. */
export interface InvoicePlan {
  readonly id: string;
  readonly version: number;
  readonly name: string;
}

const characterEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => characterEntities[character] ?? character);
}

/** `minor` units of `currency` as "USD 1,234.56": exact, from the integer, never a float. */
export function formatMoney(minor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const scale = 10n ** BigInt(digits);
  const magnitude = minor < 0n ? -minor : minor;
  const whole = (magnitude / scale).toString().replace(/\B(?=(\d{3})+$)/g, ",");
  const fraction = digits === 0 ? "" : `.${(magnitude % scale).toString().padStart(digits, "0")}`;
  return `${currency} ${minor < 0n ? "-" : ""}${whole}${fraction}`;
}

/** `timeMs` as a wall-clock "2027-04-01 00:00" in `timeZone`. */
export function formatWallClock(timeMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(timeMs));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((each) => each.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/**
 * A line's price per unit, when it is one: its amount over its quantity, shown only when that is
 * a whole number of minor units. A plan change's lines count seats but price the whole plan (its
 * base price too), so they have none.
 */
function unitPrice(line: InvoiceLine): bigint | null {
  if (line.kind === "plan_credit" || line.kind === "plan_charge") return null;
  if (line.quantity <= 0) return null;
  const quantity = BigInt(line.quantity);
  return line.amount % quantity === 0n ? line.amount / quantity : null;
}

const styles = `
@page { size: auto; margin: 15mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #111; margin: 0; padding: 24px; }
main { max-width: 180mm; margin: 0 auto; position: relative; }
h1 { font-size: 20pt; margin: 0 0 4px; }
.status { color: #555; margin: 0 0 20px; text-transform: capitalize; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 24px; }
dt { color: #555; }
dd { margin: 0; word-break: break-all; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 6px 8px; border-bottom: 1px solid #ccc; vertical-align: top; }
th { text-align: left; font-weight: 600; border-bottom: 2px solid #111; }
.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.span { color: #555; font-size: 9pt; }
tfoot td { font-weight: 700; border-bottom: none; border-top: 2px solid #111; }
.note { color: #555; font-size: 9pt; margin-top: 16px; }
.stamp { position: absolute; top: 0; right: 0; padding: 4px 14px; border: 4px solid;
  font-size: 24pt; font-weight: 800; letter-spacing: 4px; transform: rotate(-8deg); }
.stamp.paid { color: #176b2c; }
.stamp.void { color: #a11212; }
@media print {
  body { padding: 0; }
  main { max-width: none; }
  tr { break-inside: avoid; }
  .stamp { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function lineRow(line: InvoiceLine, currency: string, timeZone: string): string {
  const unit = unitPrice(line);
  const span = `${formatWallClock(line.from, timeZone)} – ${formatWallClock(line.to, timeZone)}`;
  return `<tr>
<td>${escapeHtml(line.description)}<div class="span">${escapeHtml(span)}</div></td>
<td class="number">${line.quantity}</td>
<td class="number">${unit === null ? "—" : escapeHtml(formatMoney(unit, currency))}</td>
<td class="number">${escapeHtml(formatMoney(line.amount, currency))}</td>
</tr>`;
}

function field(term: string, value: string): string {
  return `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`;
}

/**
 * The page of `invoice`. Its period and lines are shown in the time zone the invoice keeps (UTC
 * when it keeps none); `plan` is its plan version, or null when the invoice does not name one.
 */
export function invoiceHtml(invoice: InvoiceRow, plan: InvoicePlan | null): string {
  const timeZone = invoice.timeZone ?? "UTC";
  const currency = invoice.currency;
  const title = invoice.number === null ? "Draft" : `Invoice ${invoice.number}`;
  const period = `${formatWallClock(invoice.periodStart, timeZone)} – ${formatWallClock(
    invoice.periodEnd,
    timeZone,
  )} (${timeZone})`;
  const stamp =
    invoice.status === "paid" || invoice.status === "void"
      ? `<div class="stamp ${invoice.status}">${invoice.status.toUpperCase()}</div>`
      : "";
  const fields = [
    field("Invoice", invoice.id),
    field("Status", invoice.status),
    field("Organization", invoice.organizationId),
    field("Subscription", invoice.subscriptionId),
    field("Plan", plan === null ? "—" : `${plan.name} (${plan.id}, version ${plan.version})`),
    field("Period", period),
    field("Currency", currency),
    invoice.finalizedAt === null
      ? ""
      : field("Finalized", `${formatWallClock(invoice.finalizedAt, timeZone)} (${timeZone})`),
  ].join("\n");
  const lines = decodeLines(invoice.lines)
    .map((line) => lineRow(line, currency, timeZone))
    .join("\n");
  const draftNote =
    invoice.status === "draft"
      ? `<p class="note">A draft: its lines follow the period until the period ends.</p>`
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${stamp}
<h1>${escapeHtml(title)}</h1>
<p class="status">${escapeHtml(invoice.status)}</p>
<dl>
${fields}
</dl>
<table>
<thead><tr><th>Description</th><th class="number">Quantity</th>\
<th class="number">Unit price</th><th class="number">Amount</th></tr></thead>
<tbody>
${lines}
</tbody>
<tfoot><tr><td colspan="3">Total</td>\
<td class="number">${escapeHtml(formatMoney(invoice.total, currency))}</td></tr></tfoot>
</table>
${draftNote}
</main>
</body>
</html>
`;
}
