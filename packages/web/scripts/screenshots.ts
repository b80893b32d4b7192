/**
 * `npm run screenshots`: serves a small demo organization (a gateway replay publishes a rate
 * card; a second version is published to compare), then saves a PNG of every console view at
 * 1280 px, and the overview and the usage explorer at 390 px, into docs/console/.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromiumPath, launchChromium, startDemoConsole } from "../test/support/console.ts";
import { goTo, signedIn } from "../test/support/pages.ts";

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
      ["usage", "#/usage", 1280],
      ["buyers-math", "#/buyers-math", 1280],
      ["pooling", "#/pooling", 1280],
      ["billing", "#/billing", 1280],
      ["governance", "#/governance", 1280],
      ["gateway", "#/gateway", 1280],
      ["overview-390", "#/", 390],
      ["usage-390", "#/usage", 390],
    ];
    for (const [name, hash, width] of shots) {
      const page = await signedIn(browser, served.url, owner, width);
      await goTo(page, hash);
      await page.waitForSelector("main h1");
      await page.waitForLoadState("networkidle");
      if (name === "rate-cards") {
        await page.fill('input[name="rate-filter"]', "gpt-4o");
        await page.selectOption("form select", "gpt-4o-mini");
        await page.getByRole("button", { name: "Quote" }).click();
        await page.waitForSelector("[data-quote]");
        await page.evaluate("window.scrollTo(0, 0)");
      }
      if (name.startsWith("usage")) {
        await page.selectOption("#usage-group-by", "tag");
        await page.fill("#usage-tag", "use_case");
        await page.getByRole("button", { name: "Show usage" }).click();
        await page.waitForSelector('section[aria-label="Consumption by tag"]');
        // On a narrow screen the form fills the first screen: show the figures and the chart.
        if (width < 600) await page.evaluate("window.scrollTo(0, 700)");
      }
      await page.mouse.move(0, 0);
      // The charts draw their lines with an animation: wait for it to end.
      await page.waitForTimeout(2000);
      await page.screenshot({ path: `${out}${name}.png` });
      console.log(`saved docs/console/${name}.png`);
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
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
