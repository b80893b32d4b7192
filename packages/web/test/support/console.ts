/**
 * A demo organization served with the console, and headless Chromium to look at it: shared by
 * the end-to-end test and the screenshot script. Chromium is the system's (`/usr/bin/chromium`,
 * or `TEST_CHROMIUM`); no browser is ever downloaded.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { type Browser, chromium } from "playwright-core";
import { type RunningDemo, runDemo } from "../../../server/src/cli/demo.ts";
import { consoleDirectory } from "../../../server/src/http/console.ts";

/** The Chromium to drive, or null when there is none (and none was asked for). */
export function chromiumPath(): string | null {
  const asked = process.env.TEST_CHROMIUM;
  if (asked !== undefined && asked !== "") return asked;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}

/** A test's `skip` option: the reason when there is no Chromium to drive, else false. */
export function chromiumSkip(): string | false {
  return chromiumPath() === null
    ? "no Chromium at /usr/bin/chromium and TEST_CHROMIUM is not set (.ci/run installs it)"
    : false;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface DemoConsole {
  readonly demo: RunningDemo;
  readonly url: string;
  /** A key of the demo by role (the first of that role). */
  key(role: string): string;
  close(): Promise<void>;
}

/**
 * A small demo organization on a fresh SQLite file, served on a free port; with `gatewayCalls`,
 * that many calls replayed through the AI gateway (which publishes a rate card first).
 */
export async function startDemoConsole(weeks = 1, gatewayCalls = 0): Promise<DemoConsole> {
  const dist = consoleDirectory();
  if (dist === null || !existsSync(path.join(dist, "index.html"))) {
    throw new Error("the console is not built: run npm run build first");
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-console-"));
  const demo = await runDemo(
    {
      database: path.join(dir, "demo.db"),
      port: 0,
      weeks,
      seed: 7,
      size: "small",
      logger: pino({ level: "silent" }),
      // A replay through the gateway publishes a rate card from the model catalog.
      ...(gatewayCalls > 0 ? { gateway: gatewayCalls } : {}),
    },
    () => undefined,
  );
  return {
    demo,
    url: demo.server.url,
    key: (role) => {
      const found = demo.result.keys.find((key) => key.role === role);
      if (found === undefined) throw new Error(`the demo has no ${role} key`);
      return found.secret;
    },
    close: async () => {
      await demo.server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
