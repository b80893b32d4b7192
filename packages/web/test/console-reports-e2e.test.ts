/**
 * The console's report and administration views end to end, in headless Chromium against a real
 * server on a fresh demo organization: every figure a report view shows equals the reports API's
 * answer to the same question (the view's own request, asked again), the CSV export is the API's
 * CSV byte for byte, roles hide what they may not do, and each view fits a 390 px screen.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { exactCredits, formatDays, formatMoney } from "../src/format.ts";
import {
  chromiumPath,
  chromiumSkip,
  type DemoConsole,
  launchChromium,
  startDemoConsole,
} from "./support/console.ts";
import { apiAt, goTo, type Json, overflowOf, signedIn } from "./support/pages.ts";

const skip = chromiumSkip();

/** The route (path and query) of the next request the page makes to `path`, without CSV. */
async function nextRequest(page: Page, path: string, act: () => Promise<unknown>) {
  const [response] = await Promise.all([
    page.waitForResponse((each) => {
      const url = new URL(each.url());
      return url.pathname === path && url.searchParams.get("format") !== "csv";
    }),
    act(),
  ]);
  assert.equal(response.status(), 200, `${path}: ${await response.text()}`);
  const url = new URL(response.url());
  return `${url.pathname}${url.search}`;
}

describe("the console's reports in Chromium", { skip }, () => {
  let served: DemoConsole;
  let browser: Browser;
  let api: ReturnType<typeof apiAt>;

  before(async () => {
    served = await startDemoConsole(1, 4);
    browser = await launchChromium(chromiumPath() ?? "");
    api = apiAt(served.url);
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  const open = (key: string, width = 1280) => signedIn(browser, served.url, key, width);
  const figure = async (page: Page, id: string) =>
    (await page.locator(`[data-figure="${id}"]`).textContent())?.trim();

  it("the overview's days left and top member are the forecast's and top consumers'", async () => {
    const owner = served.key("owner");
    const page = await open(owner);
    await page.waitForSelector('[data-figure="days-left"]');
    const forecast = await api(owner, "/v1/reports/forecast?window=30");
    assert.equal(forecast.status, 200);
    await page.waitForFunction(
      `document.querySelector('[data-figure="days-left"]').textContent !== "—"`,
    );
    assert.equal(await figure(page, "days-left"), formatDays(forecast.body.days_left as string));

    const panel = 'section[aria-label="Top members, last 30 days"]';
    await page.waitForSelector(`${panel} .recharts-bar-rectangle`);
    const members = await api(owner, await membersRoute(page));
    const consumers = members.body.consumers as Json[];
    const names = consumers.map((each) => String(each.name ?? each.id));
    assert.ok(names.length > 1, "the demo's members consumed");
    // The bars' labels, top to bottom: the first is the biggest consumer.
    const labels = await page
      .locator(`${panel} svg text`)
      .evaluateAll((texts) =>
        texts.map((text) => [text.textContent ?? "", text.getBoundingClientRect().top] as const),
      );
    const shown = labels
      .filter(([text]) => names.includes(text))
      .sort((a, b) => a[1] - b[1])
      .map(([text]) => text);
    assert.equal(shown[0], names[0]);
    await page.close();
  });

  /** The top members' request the overview made, as the API takes it. */
  async function membersRoute(page: Page): Promise<string> {
    const found = await page.evaluate(
      `performance.getEntriesByType("resource").map((entry) => entry.name)
        .find((name) => name.includes("/v1/reports/top-consumers") && name.includes("by=member"))`,
    );
    assert.equal(typeof found, "string", "the overview asked for its top members");
    const url = new URL(String(found));
    return `${url.pathname}${url.search}`;
  }

  for (const [groupBy, tag] of [
    ["member", ""],
    ["tag", "use_case"],
    ["model", ""],
  ] as const) {
    it(`the usage explorer by ${groupBy}${tag === "" ? "" : ` ${tag}`} shows the API's totals`, async () => {
      const owner = served.key("owner");
      const page = await open(owner);
      await goTo(page, "#/usage");
      await page.waitForSelector('[data-figure="usage-credits"]');
      await page.selectOption("#usage-group-by", groupBy);
      if (tag !== "") await page.fill("#usage-tag", tag);
      const route = await nextRequest(page, "/v1/reports/usage", () =>
        page.getByRole("button", { name: "Show usage" }).click(),
      );
      assert.match(route, new RegExp(`group_by=${groupBy}`));
      const report = await api(owner, route);
      assert.equal(report.status, 200);
      const total = report.body.total as Json;
      await page.waitForSelector(`section[aria-label="Consumption by ${groupBy}"]`);
      assert.equal(
        await figure(page, "usage-credits"),
        `${exactCredits(String(total.credits))} credits`,
      );
      const currency = (report.body.currency as string | null) ?? null;
      assert.equal(await figure(page, "usage-money"), formatMoney(String(total.money), currency));
      const groups = report.body.groups as Json[];
      assert.ok(groups.length > 1, `the demo's consumption has several ${groupBy}s`);
      const rows = await page
        .locator(`section[aria-label="Consumption by ${groupBy}"] tbody tr`)
        .evaluateAll((each) =>
          each.map((row) => [
            row.querySelector("th")?.firstChild?.textContent ?? "",
            row.querySelector("td")?.textContent ?? "",
          ]),
        );
      assert.deepEqual(
        rows,
        groups.map((group) => [
          String(group.name ?? group.group),
          exactCredits(String(group.credits)),
        ]),
      );

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export CSV" }).click(),
      ]);
      const saved = await readFile(await download.path(), "utf8");
      const csv = await api(owner, `${route}&format=csv`);
      assert.equal(csv.status, 200);
      assert.ok(csv.text.startsWith("start,end,group"), csv.text.slice(0, 80));
      assert.equal(saved, csv.text);
      await page.close();
    });
  }

  it("buyer's math shows the API's three costs and cheapest, also for typed prices", async () => {
    const owner = served.key("owner");
    const page = await open(owner);
    const first = await nextRequest(page, "/v1/reports/buyers-math", () =>
      goTo(page, "#/buyers-math"),
    );
    await assertCosts(page, owner, first);
    await page.fill("#buyers-seat_price", "20");
    await page.fill("#buyers-seat_credits", "500");
    await page.fill("#buyers-credit_price", "0.01");
    await page.fill("#buyers-members", "12");
    const typed = await nextRequest(page, "/v1/reports/buyers-math", () =>
      page.getByRole("button", { name: "Compare" }).click(),
    );
    assert.match(typed, /seat_price=20&seat_credits=500/);
    assert.match(typed, /credit_price=0\.01/);
    await assertCosts(page, owner, typed);
    await page.close();
  });

  async function assertCosts(page: Page, key: string, route: string): Promise<void> {
    const math = await api(key, route);
    assert.equal(math.status, 200);
    const costs = math.body.costs as Record<string, string>;
    const currency = (math.body.currency as string | null) ?? null;
    for (const model of ["per_seat", "credit_based", "hybrid"]) {
      const cost = page.locator(`[data-figure="cost-${model}"]`);
      await page.waitForFunction(
        `document.querySelector('[data-figure="cost-${model}"]')?.textContent === ${JSON.stringify(
          formatMoney(costs[model], currency),
        )}`,
      );
      assert.equal((await cost.textContent())?.trim(), formatMoney(costs[model], currency));
    }
    const cheapest = page.locator(".figure-highlight [data-figure]");
    assert.equal(await cheapest.count(), 1);
    assert.equal(await cheapest.getAttribute("data-figure"), `cost-${math.body.cheapest}`);
  }

  it("pooled vs siloed shows the API's served, blocked and stranded", async () => {
    const owner = served.key("owner");
    const page = await open(owner);
    const route = await nextRequest(page, "/v1/reports/pooling", () => goTo(page, "#/pooling"));
    const report = await api(owner, route);
    assert.equal(report.status, 200);
    await page.waitForSelector('[data-figure="pooled-served"]');
    for (const side of ["pooled", "siloed"]) {
      const figures = report.body[side] as Json;
      for (const name of ["served", "blocked", "stranded"]) {
        assert.equal(
          await figure(page, `${side}-${name}`),
          `${exactCredits(String(figures[name]))} credits`,
          `${side} ${name}`,
        );
      }
    }
    await page.close();
  });

  const writeActions = /^(Acknowledge|Resolve|Mark paid|Void)$/;

  it("billing, governance and gateway render for an owner; a viewer sees no write action", async () => {
    const owner = served.key("owner");
    const alerts = await api(owner, "/v1/alerts?limit=1");
    const someAlert = (alerts.body.data as Json[]).length > 0;
    for (const [role, writes] of [
      ["owner", true],
      ["viewer", false],
    ] as const) {
      const page = await open(served.key(role));
      for (const [hash, title] of [
        ["#/billing", "Billing"],
        ["#/governance", "Alerts, webhooks and audit"],
        ["#/gateway", "Gateway"],
      ] as const) {
        await goTo(page, hash);
        await page.waitForSelector(`main h1:text-is("${title}")`);
        await page.waitForLoadState("networkidle");
        assert.equal(await page.locator(".problem, .more-problem").count(), 0, `${role} ${hash}`);
        if (hash === "#/billing") {
          // A finalized invoice's page is where it is marked paid or voided.
          const finalized = page.locator("tr", { hasText: "finalized" });
          assert.equal(await finalized.count(), 1, "the demo has a finalized invoice");
          await finalized.getByRole("button", { name: /^Show \d+ lines$/ }).click();
          await page.getByRole("button", { name: "Download HTML" }).waitFor();
          assert.equal(
            await page.getByRole("button", { name: "Mark paid" }).count(),
            writes ? 1 : 0,
          );
        }
        const buttons = await page.locator("main button").allTextContents();
        const actions = buttons.filter((text) => writeActions.test(text.trim()));
        if (!writes) assert.deepEqual(actions, [], `${role} ${hash}`);
        else if (hash === "#/governance" && someAlert)
          assert.ok(actions.length > 0, "an owner may acknowledge or resolve alerts");
      }
      await page.close();
    }
  });

  it("a key bound to a pool has no billing in its nav and cannot open it", async () => {
    const owner = served.key("owner");
    const pools = (await api(owner, "/v1/pools?limit=100")).body.data as Json[];
    const team = pools.find((pool) => pool.parent !== null);
    assert.ok(team !== undefined);
    const made = await api(owner, "/v1/keys", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "e2e-bound-viewer" },
      body: JSON.stringify({ name: "bound viewer", role: "viewer", pool: team.id }),
    });
    assert.equal(made.status, 201, made.text);
    const secret = String(made.body.secret);
    assert.equal((await api(secret, "/v1/plans")).status, 403, "the API refuses it too");
    const page = await open(secret);
    assert.equal(await page.getByRole("link", { name: "Billing" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Usage explorer" }).count(), 1);
    await goTo(page, "#/billing");
    await page.waitForSelector("main .problem");
    assert.equal(await page.locator('main h1:text-is("Billing")').count(), 0);
    await page.close();
  });

  it("each report view fits 390 px without sideways scrolling of the page", async () => {
    const page = await open(served.key("owner"), 390);
    for (const hash of [
      "#/usage",
      "#/buyers-math",
      "#/pooling",
      "#/billing",
      "#/governance",
      "#/gateway",
    ]) {
      await goTo(page, hash);
      await page.waitForSelector("main h1");
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(200);
      const overflow = await overflowOf(page);
      assert.ok(overflow <= 0, `${hash} at 390 px overflows by ${overflow} px`);
    }
    await page.close();
  });
});
