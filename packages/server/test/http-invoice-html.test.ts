/**
 * GET /v1/invoices/{id}/html on every store: the page of a draft, of a finalized invoice and of a
 * paid one, the headers that keep a browser from running or fetching anything, a plan name that
 * tries to be markup shown as text, and another organization's key answered 404.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  expectError,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const april1Paris = Date.UTC(2027, 2, 31, 22);
const hostile = `Studio <script>alert("x")</script>`;

/** The organization's own plan: a base price whose line carries the plan's name. */
const studioPlan = {
  id: "studio",
  name: hostile,
  currency: "JPY",
  interval: "month",
  base_price: 1_000_000,
  seat_price: 3000,
  credits_per_seat: "1000",
};

function body(answer: Answer): string {
  assert.equal(typeof answer.body, "string");
  return answer.body as string;
}

for (const store of stores) {
  describe(`an invoice as a printable page (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let billing = "";
    let subscription = "";
    let invoice = "";

    before(async () => {
      api = await apiHarness({ store });
      org = await api.newOrganization("Studio");
      billing = await api.keyFor(org, "billing");
      api.clock.advance(april1Paris - api.clock.read());
      await api.ok("POST", "/v1/plans", { key: billing, body: studioPlan });
      const started = await api.ok("POST", "/v1/subscriptions", {
        key: billing,
        body: { plan: studioPlan.id, seats: 3, time_zone: "Europe/Paris" },
      });
      subscription = text(started, "id");
      invoice = text(started, "current_period.invoice");
    });
    after(() => api.close());

    const page = (id: string, key = billing) => api.call("GET", `/v1/invoices/${id}/html`, { key });

    it("answers HTML that may run nothing and fetch nothing", async () => {
      const answer = await page(invoice);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("content-type"), "text/html; charset=utf-8");
      assert.equal(
        answer.headers.get("content-security-policy"),
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
    });

    it("a draft: its ids, its plan, its period in Paris, its lines in yen", async () => {
      const html = body(await page(invoice));
      assert.match(html, /<h1>Draft<\/h1>/);
      for (const shown of [invoice, subscription, org.organizationId, "(studio, version 1)"])
        assert.ok(html.includes(shown), shown);
      assert.match(html, /2027-04-01 00:00 – 2027-05-01 00:00 \(Europe\/Paris\)/);
      assert.match(html, /3 seats[\s\S]*JPY 3,000[\s\S]*JPY 9,000/);
      assert.match(html, /Total<\/td>\s*<td class="number">JPY 1,009,000</);
    });

    it("the plan's name is text: no script reaches the page", async () => {
      const html = body(await page(invoice));
      assert.doesNotMatch(html, /<script/i);
      assert.ok(html.includes("Studio &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    });

    it("another organization's key finds no such invoice: 404", async () => {
      const other = await api.newOrganization("Other");
      expectError(await page(invoice, other.ownerKey), 404, "invoice_not_found", "id");
    });

    it("an unknown invoice answers 404 as JSON", async () => {
      const unknown = "inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V";
      expectError(await page(unknown), 404, "invoice_not_found", "id");
    });

    it("after the renewal it is titled by its number, then marked PAID", async () => {
      api.clock.advance(32 * 86_400_000);
      await api.ok("GET", `/v1/subscriptions/${subscription}`, { key: billing });
      const finalized = body(await page(invoice));
      assert.match(finalized, /<h1>Invoice [0-9A-Z]+-0001<\/h1>/);
      assert.doesNotMatch(finalized, /class="stamp/);
      await api.ok("POST", `/v1/invoices/${invoice}/pay`, { key: billing });
      const paid = body(await page(invoice));
      assert.match(paid, /<div class="stamp paid">PAID<\/div>/);
    });
  });
}
