/**
 * Pages of the console in Chromium, and the API beside them: shared by the end-to-end tests and
 * the screenshot script, so each signs in, moves between views and asks the API the same way.
 */
import type { Browser, Page } from "playwright-core";

export type Json = Record<string, unknown>;

/** An expression evaluated in the page (a string: these files compile without the DOM's types). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export function goTo(page: Page, hash: string): Promise<unknown> {
  return page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

/** A new page of `width` px, signed in with `key`, its nav drawn; dialogs are accepted. */
export async function signedIn(
  browser: Browser,
  url: string,
  key: string,
  width = 1280,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(url);
  await page.fill("#api-key", key);
  await page.click("button[type=submit]");
  await page.waitForSelector("nav#nav", { state: "attached" });
  return page;
}

/** How far the page's body scrolls sideways, in px (0 or less: it fits). */
export function overflowOf(page: Page): Promise<number> {
  return inPage<number>(
    page,
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  );
}

export interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly text: string;
}

/** The API at `url` as a key sees it: `call(key, route)` answers the status, the JSON and the text. */
export function apiAt(url: string) {
  return async (key: string, route: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${url}${route}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.headers ?? {}) },
    });
    const text = await response.text();
    const json = response.headers.get("content-type")?.includes("json") === true;
    return { status: response.status, body: json ? (JSON.parse(text) as Json) : {}, text };
  };
}
