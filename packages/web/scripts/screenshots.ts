/**
 * `npm run screenshots`: serves a small demo organization (a gateway replay publishes a rate
 * card; a second version is published to compare), then saves a PNG of each console view at
 * 1280 px, and the overview at 390 px, into docs/console/.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { chromiumPath, launchChromium, startDemoConsole } from "../test/support/console.ts";

type Json = Record<string, unknown>;

const out = fileURLToPath(new URL("../../../docs/console/", import.meta.url));

async function main(): Promise<void> {
  const executable = chromiumPath();
  if (executable === null) throw new Error("no Chromium: install it or set TEST_CHROMIUM");
  mkdirSync(out, { recursive: true });
  const served = await startDemoConsole(3, 12);
  const browser = await launchChromium(executable);
  try {
    const owner = served.key("owner");
    const call = async (route: string, init: RequestInit = {}) => {
      const response = await fetch(`${served.url}${route}`, {
        ...init,
        headers: {
          authorization: `Bearer ${owner}`,
          "content-type": "application/json",
          ...(init.headers ?? {}),
        },
      });
      return (await response.json()) as Json;
    };
    await publishNextVersion(call);
    const pools = (await call("/v1/pools?limit=100")).data as Json[];
    const team = pools.find((pool) => pool.name === "Research") ?? pools[1];
    const decision = ((await call("/v1/decisions?limit=1")).data as Json[])[0];

    const shots: [string, string, number][] = [
      ["overview", "#/", 1280],
      ["pools", "#/pools", 1280],
      ["pool", `#/pools/${team?.id}`, 1280],
      ["grants", "#/grants", 1280],
      ["decisions", "#/decisions", 1280],
      ["decision", `#/decisions/${decision?.id}`, 1280],
      ["keys", "#/keys", 1280],
      ["rate-cards", "#/rate-cards", 1280],
      ["overview-390", "#/", 390],
    ];
    for (const [name, hash, width] of shots) {
      const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
      await signIn(page, served.url, owner);
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await page.waitForSelector("main h1");
      await page.waitForLoadState("networkidle");
      if (name === "rate-cards") {
        await page.fill('input[name="rate-filter"]', "gpt-4o");
        await page.selectOption("form select", "gpt-4o-mini");
        await page.getByRole("button", { name: "Quote" }).click();
        await page.waitForSelector("[data-quote]");
        await page.evaluate("window.scrollTo(0, 0)");
      }
      await page.mouse.move(0, 0);
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${out}${name}.png` });
      console.log(`saved docs/console/${name}.png`);
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(url);
  await page.fill("#api-key", key);
  await page.click("button[type=submit]");
  await page.waitForSelector("nav#nav", { state: "attached" });
}

/** A second rate-card version a week ahead, every price 10% higher, to show side by side. */
async function publishNextVersion(
  call: (route: string, init?: RequestInit) => Promise<Json>,
): Promise<void> {
  const cards = (await call("/v1/rate-cards")).data as Json[];
  const current = cards.at(-1);
  if (current === undefined) return;
  const prices = (current.prices as Json[]).map((price) => ({
    meter: price.meter,
    dimensions: price.dimensions,
    tiers: (price.tiers as Json[]).map((tier) => ({
      up_to: tier.up_to,
      credits_per_unit: raised(String(tier.credits_per_unit)),
    })),
  }));
  const effective = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await call("/v1/rate-cards", {
    method: "POST",
    body: JSON.stringify({ effective_at: effective, prices }),
  });
}

/** A decimal string raised by 10%, exactly (one more decimal digit, kept as a string). */
function raised(decimal: string): string {
  const [whole = "0", fraction = ""] = decimal.split(".");
  const scale = fraction.length + 1;
  const units = BigInt(whole + fraction) * 11n;
  const text = units.toString().padStart(scale + 1, "0");
  const result = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, "");
  return result === "" ? "0" : result;
}

await main();
