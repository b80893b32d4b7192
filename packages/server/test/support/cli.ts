/** The compiled `creditpool` command, run as a user runs it, for the command-line tests. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const bin = fileURLToPath(new URL("../../bin/creditpool.js", import.meta.url));

/**
 * Runs `creditpool` with `args` and waits for it; the environment's operator key and database are
 * left out, so each test says which it uses.
 */
export function runCli(...args: string[]) {
  const env = { ...process.env };
  delete env.CREDITPOOL_OPERATOR_KEY;
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, timeout: 60_000 });
}
