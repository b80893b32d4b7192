/**
 * The console end to end, in headless Chromium against a real server on a fresh demo
 * organization: signing in, figures equal to the API's, drilling into a pool, a key made (its
 * secret shown once) and revoked, a refusal explained, what a bound member key cannot see, both
 * widths without sideways scrolling, and the nav reached by keyboard.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { formatCredits } from "../src/format.ts";
import {
  chromiumPath,
  chromiumSkip,
  type DemoConsole,
  launchChromium,
  startDemoConsole,
} from "./support/console.ts";
import {
  apiAt,
  goTo,
  inPage,
  type Json,
  signedIn as openSignedIn,
  overflowOf,
} from "./support/pages.ts";

const skip = chromiumSkip();

describe("the console in Chromium", { skip }, () => {
  let served: DemoConsole;
  let browser: Browser;

  before(async () => {
    served = await startDemoConsole(1, 4);
    browser = await launchChromium(chromiumPath() ?? "");
  });

  after(async () => {
    await browser?.close();
    await served?.close();
  });

  const api = (key: string, route: string, init: RequestInit = {}) =>
    apiAt(served.url)(key, route, init);
  const signedIn = (key: string, width = 1280) => openSignedIn(browser, served.url, key, width);

  const figure = async (page: Page, id: string) =>
    (await page.locator(`[data-figure="${id}"]`).textContent())?.trim();

  it("signs in; the overview's available and held equal the API's pool", async () => {
    const owner = served.key("owner");
    const page = await signedIn(owner);
    const organization = await api(owner, "/v1/organization");
    const root = await api(owner, `/v1/pools/${organization.body.root_pool}`);
    await page.waitForSelector('[data-figure="available"]');
    assert.equal(await figure(page, "available"), formatCredits(String(root.body.available)));
    assert.equal(await figure(page, "held"), formatCredits(String(root.body.held)));
    assert.equal(
      await figure(page, "consumed"),
      formatCredits(String(root.body.consumed_this_period)),
    );
    const stored = await inPage<{
      session: string[];
      local: number;
      cookies: string;
      href: string;
    }>(
      page,
      "({ session: Object.keys(sessionStorage), local: localStorage.length, " +
        "cookies: document.cookie, href: location.href })",
    );
    assert.deepEqual(stored.session, ["creditpool.key"]);
    assert.equal(stored.local, 0);
    assert.equal(stored.cookies, "");
    assert.ok(!stored.href.includes(owner));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForSelector("#api-key");
    assert.equal(await inPage(page, "sessionStorage.length"), 0);
    await page.close();
  });

  it("a wrong key is refused with the API's message", async () => {
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.fill("#api-key", "cpk_notakeyatall0000000000000000000");
    await page.click("button[type=submit]");
    const problem = await page.locator(".problem").textContent();
    assert.match(problem ?? "", /unknown or revoked/);
    await page.close();
  });

  it("drills into a pool from the tree: its page shows the API's figures", async () => {
    const owner = served.key("owner");
    const pools = await api(owner, "/v1/pools?limit=100");
    const data = pools.body.data as Json[];
    const child = data.find((pool) => pool.parent !== null && pool.archived_at === null);
    assert.ok(child !== undefined);
    const page = await signedIn(owner);
    await page.getByRole("link", { name: "Pools", exact: true }).click();
    await page.locator(`tr[data-pool="${child.id}"] a`).click();
    await page.waitForSelector(`h1:text-is("${child.name}")`);
    assert.equal(await figure(page, "available"), formatCredits(String(child.available)));
    assert.equal(await figure(page, "held"), formatCredits(String(child.held)));
    assert.ok(await page.getByRole("form", { name: "Create a sub-pool" }).isVisible());

    const limit = page.getByRole("form", { name: "Edit limit" });
    await limit.locator('input[name="limit-amount"]').fill("12.3456789");
    await limit.getByRole("button", { name: "Save limit" }).click();
    const error = limit.locator(".field-error");
    await error.waitFor();
    assert.match((await error.textContent()) ?? "", /decimal|digits|6/i);
    const invalid = limit.locator('input[name="limit-amount"]');
    assert.equal(await invalid.getAttribute("aria-invalid"), "true");
    const after = await api(owner, `/v1/pools/${child.id}`);
    assert.deepEqual(after.body.limit, child.limit, "a refused change writes nothing");
    await page.close();
  });

  it("a crafted link's id stays one path segment: it never reaches another route", async () => {
    const page = await signedIn(served.key("viewer"));
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${served.url}/#/pools/..%2Fkeys`);
    await page.waitForSelector("[role=alert], .problem");
    assert.ok(requested.includes("/v1/pools/..%2Fkeys"), requested.join(" "));
    assert.ok(!requested.includes("/v1/keys"), "the key was not spent on another route");
    await page.close();
  });

  it("creates a key, shows its secret once, and revokes it", async () => {
    const page = await signedIn(served.key("owner"));
    await page.getByRole("link", { name: "Keys and members" }).click();
    const form = page.getByRole("form", { name: "Create a key" });
    await form.locator('input[name="key-name"]').fill("e2e reader");
    await form.locator('select[name="key-role"]').selectOption("viewer");
    await form.getByRole("button", { name: "Create key" }).click();
    const secret = (await page.locator("[data-secret]").textContent())?.trim() ?? "";
    assert.match(secret, /^cpk_[0-9A-Za-z]{32}$/);
    const made = await api(secret, "/v1/organization");
    assert.equal(made.status, 200);
    const keyId = String((made.body.key as Json).id);

    await page.getByRole("link", { name: "Pools", exact: true }).click();
    await page.getByRole("link", { name: "Keys and members" }).click();
    await page.waitForSelector(`tr[data-key="${keyId}"]`);
    assert.equal(await page.locator("[data-secret]").count(), 0, "the secret is shown once");
    assert.ok(!(await page.content()).includes(secret));

    await page
      .locator(`tr[data-key="${keyId}"]`)
      .getByRole("button", { name: /Revoke/ })
      .click();
    await page.locator(`tr[data-key="${keyId}"] button`).waitFor({ state: "detached" });
    assert.equal((await api(secret, "/v1/organization")).status, 401);
    await page.close();
  });

  it("finds a refusal and shows its code and the path that decided it", async () => {
    const owner = served.key("owner");
    const found = await api(owner, "/v1/decisions?limit=1");
    const decision = (found.body.data as Json[])[0];
    assert.ok(decision !== undefined, "the demo keeps refusals");
    const page = await signedIn(owner);
    await page.getByRole("link", { name: "Decisions" }).click();
    const form = page.getByRole("form", { name: "Search decisions" });
    await form.locator('input[name="code"]').fill(String(decision.code));
    await form.getByRole("button", { name: "Search" }).click();
    await page.locator(`a[href="#/decisions/${decision.id}"]`).click();
    assert.equal(await page.locator("[data-decision-code]").textContent(), decision.code);
    const path = (decision.evidence as { path: Json[] }).path;
    assert.equal(await page.locator("tr[data-path-pool]").count(), path.length);
    assert.ok(await page.locator(`tr[data-path-pool="${decision.pool}"]`).isVisible());
    await page.close();
  });

  it("a member key bound to a pool sees its subtree only, and no key actions", async () => {
    const member = served.key("member");
    const reach = await api(member, "/v1/pools?limit=100");
    const reachable = new Set((reach.body.data as Json[]).map((pool) => String(pool.id)));
    const owner = served.key("owner");
    const all = (await api(owner, "/v1/pools?limit=100")).body.data as Json[];
    const outside = all.filter((pool) => !reachable.has(String(pool.id)));
    assert.ok(outside.length > 0, "the member's key is bound below the root");

    const page = await signedIn(member);
    assert.equal(await page.getByRole("link", { name: "Keys and members" }).count(), 0);
    await page.getByRole("link", { name: "Pools", exact: true }).click();
    await page.waitForSelector("tr[data-pool]");
    const shown = await page
      .locator("tr[data-pool]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-pool")));
    assert.deepEqual(new Set(shown), reachable);
    assert.equal(await page.getByRole("form", { name: "Create a sub-pool" }).count(), 0);

    await goTo(page, "#/keys");
    await page.waitForSelector(".problem");
    assert.equal(await page.locator('form[aria-label="Create a key"]').count(), 0);

    const other = outside[0] as Json;
    await goTo(page, `#/pools/${other.id}`);
    const problem = await page.locator(".problem").first().textContent();
    assert.match(problem ?? "", /404/);
    await page.close();
  });

  it("shows the rate card and quotes a request as the API does", async () => {
    const owner = served.key("owner");
    const cards = (await api(owner, "/v1/rate-cards")).body.data as Json[];
    assert.ok(cards.length > 0, "the gateway replay published a rate card");
    const page = await signedIn(owner);
    await page.getByRole("link", { name: "Rate cards" }).click();
    const form = page.getByRole("form", { name: "Quote a request" });
    await form.getByRole("button", { name: "Quote" }).click();
    const shown = (await page.locator("[data-quote] strong").textContent())?.trim();
    const model = await form.locator("select").first().inputValue();
    const filled = await form
      .locator("input")
      .evaluateAll((inputs) =>
        inputs.map((input) => [input.getAttribute("name"), (input as { value?: string }).value]),
      );
    const [meter = "", quantity = ""] = (filled.find(([, value]) => value !== "") ?? []).map(
      (each) => each ?? "",
    );
    const quote = await api(owner, "/v1/quotes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        usage: { quantities: { [meter]: Number(quantity) }, dimensions: { model } },
      }),
    });
    assert.equal(quote.status, 201, JSON.stringify(quote.body));
    assert.equal(shown, formatCredits(String(quote.body.amount), 6));
    await page.close();
  });

  for (const width of [1280, 390]) {
    it(`every view fits ${width} px without sideways scrolling of the page`, async () => {
      const page = await signedIn(served.key("owner"), width);
      for (const hash of ["#/", "#/pools", "#/grants", "#/decisions", "#/keys", "#/rate-cards"]) {
        await goTo(page, hash);
        await page.waitForSelector("main h1");
        await page.waitForLoadState("networkidle");
        const overflow = await overflowOf(page);
        assert.ok(overflow <= 0, `${hash} at ${width} px overflows by ${overflow} px`);
      }
      const pools = page.getByRole("link", { name: "Pools", exact: true });
      if (width < 760) {
        assert.equal(await pools.isVisible(), false, "the nav folds on a narrow screen");
        await page.getByRole("button", { name: "Menu" }).click();
      }
      assert.equal(await pools.isVisible(), true);
      await page.close();
    });
  }

  it("Tab reaches the nav links, and each shows where focus is", async () => {
    const page = await signedIn(served.key("owner"));
    const reached: string[] = [];
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press("Tab");
      const focused = await inPage<string | null>(
        page,
        `(() => {
          const element = document.activeElement;
          if (element === null || element.closest("nav#nav") === null) return null;
          return element.textContent + "|" + getComputedStyle(element).outlineStyle;
        })()`,
      );
      if (focused !== null) reached.push(focused);
    }
    const names = reached.map((each) => each.split("|")[0]);
    assert.ok(names.includes("Overview") && names.includes("Pools"), names.join(", "));
    assert.ok(
      reached.every((each) => each.split("|")[1] !== "none"),
      "focus is visible",
    );
    await page.close();
  });
});
