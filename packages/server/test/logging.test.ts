/**
 * Request logs are gathered and written without blocking: a line still reaches stdout while the
 * process lives on, and none is lost when it exits.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const logging = fileURLToPath(new URL("../src/logging.ts", import.meta.url));

function child(script: string) {
  const code = `import { createLogger } from ${JSON.stringify(logging)};\n${script}`;
  return spawn(
    process.execPath,
    ["--conditions=@creditpool/source", "--import", "tsx", "--input-type=module", "-e", code],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
}

describe("logs", () => {
  it("reach stdout while the process lives on, without filling the buffer", async () => {
    const process = child(
      `createLogger().info({ n: 1 }, "one line"); setTimeout(() => {}, 30_000);`,
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        process.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out);
        });
        process.once("exit", () => reject(new Error(`exited first; wrote ${out}`)));
      });
      assert.equal(JSON.parse(line).msg, "one line");
    } finally {
      process.kill("SIGKILL");
    }
  });

  it("are all written, in order, when the process exits", async () => {
    const process = child(
      `const log = createLogger(); for (let n = 0; n < 5000; n++) log.info({ n }, "line"); process.exit(0);`,
    );
    let out = "";
    process.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    await new Promise((resolve) => process.once("close", resolve));
    const numbers = out
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { n: number }).n);
    assert.deepEqual(
      numbers,
      Array.from({ length: 5000 }, (_, n) => n),
    );
  });
});
