/**
 * The printable invoice: escaped values, money exact in each currency's digits, and the marks of
 * a draft, a finalized, a paid and a void invoice.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { escapeHtml, formatMoney, formatWallClock, invoiceHtml } from "../src/http/invoice-html.ts";
import type { InvoiceRow } from "../src/services/invoices.ts";
import { encodeLines, type InvoiceLine } from "../src/services/subscription-records.ts";

const april = Date.UTC(2027, 3, 1);
const may = Date.UTC(2027, 4, 1);
const team = { id: "team", version: 2, name: "Team" };

function line(changes: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: "seats",
    kind: "seats",
    description: "10 seats",
    quantity: 10,
    amount: 30_000n,
    from: april,
    to: may,
    ...changes,
  };
}

function invoice(lines: InvoiceLine[], changes: Partial<InvoiceRow> = {}): InvoiceRow {
  return {
    organizationId: "org_1",
    id: "inv_1",
    subscriptionId: "sub_1",
    periodIndex: 0,
    periodStart: april,
    periodEnd: may,
    currency: "USD",
    status: "draft",
    number: null,
    lines: encodeLines(lines),
    total: lines.reduce((sum, each) => sum + each.amount, 0n),
    createdAt: april,
    updatedAt: april,
    finalizedAt: null,
    version: 1,
    planScope: "default",
    planId: "team",
    planVersion: 2,
    timeZone: null,
    ...changes,
  };
}

const finalized = { status: "finalized", number: "01JD-0001", finalizedAt: may } as const;

describe("invoice html: values", () => {
  it("escapes every character HTML gives a meaning", () => {
    assert.equal(
      escapeHtml(`<a href="x">'&'</a>`),
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  it("a hostile description or plan name is shown as text, never as markup", () => {
    const hostile = `<script>alert("pack")</script><img src=x onerror=alert(1)>`;
    const page = invoiceHtml(
      invoice([line({ kind: "top_up", description: hostile, quantity: 1 })]),
      {
        ...team,
        name: hostile,
      },
    );
    assert.doesNotMatch(page, /<script|<img/i);
    assert.match(page, /&lt;script&gt;alert\(&quot;pack&quot;\)&lt;\/script&gt;/);
  });

  for (const [currency, minor, shown] of [
    ["USD", 30_000n, "USD 300.00"],
    ["USD", 5n, "USD 0.05"],
    ["USD", -2_200n, "USD -22.00"],
    ["JPY", 30_000n, "JPY 30,000"],
    ["KWD", 1_234_567n, "KWD 1,234.567"],
    ["USD", 0n, "USD 0.00"],
    ["EUR", 900_000_000_000_000_001n, "EUR 9,000,000,000,000,000.01"],
  ] as const) {
    it(`${minor} minor units of ${currency} are ${shown}`, () => {
      assert.equal(formatMoney(minor, currency), shown);
    });
  }

  it("a wall-clock time in the zone the invoice keeps, UTC when it keeps none", () => {
    assert.equal(formatWallClock(april, "UTC"), "2027-04-01 00:00");
    assert.equal(formatWallClock(april, "America/New_York"), "2027-03-31 20:00");
    const utc = invoiceHtml(invoice([line()]), team);
    assert.match(utc, /2027-04-01 00:00 – 2027-05-01 00:00 \(UTC\)/);
    const paris = invoiceHtml(invoice([line()], { timeZone: "Europe/Paris" }), team);
    assert.match(paris, /2027-04-01 02:00 – 2027-05-01 02:00 \(Europe\/Paris\)/);
  });
});

describe("invoice html: the page", () => {
  it("shows the ids, the plan, each line with its unit price, and the total", () => {
    const lines = [
      line(),
      line({
        id: "c1",
        kind: "seats_added",
        description: "1 seat added",
        quantity: 1,
        amount: 2_100n,
      }),
      line({
        id: "c2",
        kind: "seats_removed",
        description: "2 seats removed",
        quantity: 2,
        amount: -2_200n,
      }),
    ];
    const page = invoiceHtml(invoice(lines), team);
    for (const shown of ["org_1", "sub_1", "inv_1", "Team (team, version 2)", "USD 299.00"])
      assert.ok(page.includes(shown), shown);
    assert.match(page, /10 seats[\s\S]*>10<[\s\S]*USD 30\.00[\s\S]*USD 300\.00/);
    assert.match(page, /2 seats removed[\s\S]*USD -11\.00[\s\S]*USD -22\.00/);
  });

  it("a unit price that is not a whole minor unit, or a plan change's, is not shown", () => {
    const lines = [
      line({ quantity: 3, amount: 10_000n }),
      line({
        id: "c1.to",
        kind: "plan_charge",
        description: "Remaining time on Pro",
        quantity: 4,
        amount: 8_000n,
      }),
    ];
    const page = invoiceHtml(invoice(lines), team);
    assert.doesNotMatch(page, /USD 33\.33|USD 20\.00/);
    assert.equal(page.match(/>—</g)?.length, 2);
  });

  it("a JPY invoice has no decimals; a large total stays exact", () => {
    const lines = [line({ quantity: 1, amount: 123_456_789_012_345_678n })];
    const page = invoiceHtml(invoice(lines, { currency: "JPY" }), team);
    assert.ok(page.includes("JPY 123,456,789,012,345,678"));
    assert.doesNotMatch(page, /JPY [\d,]+\./);
  });

  it("a draft is titled Draft, with no number and no mark", () => {
    const page = invoiceHtml(invoice([line()]), team);
    assert.match(page, /<h1>Draft<\/h1>/);
    assert.match(page, /A draft: its lines follow the period/);
    assert.doesNotMatch(page, /class="stamp/);
  });

  it("a finalized invoice is titled by its number and says when it was finalized", () => {
    const page = invoiceHtml(invoice([line()], finalized), team);
    assert.match(page, /<h1>Invoice 01JD-0001<\/h1>/);
    assert.match(page, /Finalized<\/dt><dd>2027-05-01 00:00 \(UTC\)/);
    assert.doesNotMatch(page, /class="stamp|A draft/);
  });

  for (const status of ["paid", "void"] as const) {
    it(`a ${status} invoice carries a ${status.toUpperCase()} mark`, () => {
      const page = invoiceHtml(invoice([line()], { ...finalized, status }), team);
      assert.match(page, new RegExp(`<div class="stamp ${status}">${status.toUpperCase()}</div>`));
    });
  }

  it("an invoice that names no plan says so", () => {
    const page = invoiceHtml(invoice([line()], { planScope: null, planId: null }), null);
    assert.match(page, /Plan<\/dt><dd>—<\/dd>/);
  });

  it("is self-contained: inline styles with a print rule, no script, nothing fetched", () => {
    const page = invoiceHtml(invoice([line()]), team);
    assert.match(page, /<style>[\s\S]*@media print[\s\S]*<\/style>/);
    assert.doesNotMatch(page, /<script|<link|src=|href=|url\(|@import/i);
  });
});
