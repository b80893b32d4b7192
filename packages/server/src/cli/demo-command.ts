/**
 * The `creditpool demo` command's options. What it runs (the generator, the engine, the server)
 * is imported only when it runs, so the command line starts without loading it.
 */
import { type Command, InvalidArgumentError } from "commander";
import { type DemoSize, demoSizes, demoWeeksMax } from "../demo/acme.ts";
import { gatewayReplayCallsMax } from "../demo/gateway-replay.ts";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Create Acme AI, an organization with weeks of simulated AI usage, verify it, then serve it",
    )
    .option(
      "--database <location>",
      "SQLite file or postgres:// URL (default: data/demo-<time>.db)",
    )
    .option("--port <port>", "TCP port", integerIn("port", 0, 65_535), 8080)
    .option("--host <host>", "address to listen on", process.env.HOST ?? "127.0.0.1")
    .option("--weeks <n>", "weeks of simulated activity", integerIn("weeks", 1, demoWeeksMax), 10)
    .option("--seed <n>", "seed of the simulated activity", integerIn("seed", 0, 2 ** 32 - 1), 1)
    .option("--size <size>", `organization size: ${demoSizes.join(" or ")}`, sizeOf, "full")
    .option(
      "--gateway <calls>",
      "then replay that many of the members' calls through the AI gateway, against a local fake provider",
      integerIn("gateway", 1, gatewayReplayCallsMax),
    )
    .action(
      async (options: {
        database?: string;
        port: number;
        host: string;
        weeks: number;
        seed: number;
        size: DemoSize;
        gateway?: number;
      }) => {
        const { runDemo } = await import("./demo.ts");
        const { PortUnavailable } = await import("../server.ts");
        const demo = await runDemo(
          { ...options, progress: true },
          (line) => void process.stdout.write(`${line}\n`),
        ).catch((error: unknown) => {
          if (!(error instanceof PortUnavailable)) throw error;
          process.stderr.write(`creditpool: ${error.message}\n`);
          process.exitCode = 1;
          return null;
        });
        if (demo === null) return;
        const stop = () => {
          void demo.server.close().then(() => process.exit(0));
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      },
    );
}

/** A parser of an option that must be an integer from `min` to `max`, naming it when not. */
export function integerIn(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
    }
    return parsed;
  };
}

function sizeOf(value: string): DemoSize {
  const size = demoSizes.find((candidate) => candidate === value);
  if (size === undefined) throw new InvalidArgumentError(`size must be ${demoSizes.join(" or ")}.`);
  return size;
}
