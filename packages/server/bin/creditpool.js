#!/usr/bin/env node
// The creditpool command: the compiled JavaScript in dist/, which `npm install` builds (the
// workspace's prepare script) and `npm run build` refreshes after a change to the sources.
// Nothing here loads TypeScript, so a command starts in the time Node.js takes to load it.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("creditpool: not built yet; run `npm run build` (or `npm install`)\n");
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
