/**
 * `creditpool fake-upstream`: serves the fake OpenAI- and Anthropic-compatible upstream, to try
 * the gateway without a provider account and to drive it from tests in other languages. The
 * fake is imported only when the command runs.
 */
import type { Command } from "commander";
import { integerIn } from "./demo-command.ts";

export function registerFakeUpstream(program: Command): void {
  program
    .command("fake-upstream")
    .description(
      "Serve a fake OpenAI- and Anthropic-compatible AI provider (deterministic, scriptable)",
    )
    .option("--port <port>", "TCP port", integerIn("port", 0, 65_535), 8787)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .action(async (options: { port: number; host: string }) => {
      const { startFakeUpstream } = await import("../gateway/fake-upstream/fake-upstream.ts");
      const fake = await startFakeUpstream(options).catch((error: Error & { code?: string }) => {
        if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
        process.stderr.write(`creditpool: port ${options.port} is not available: pass --port\n`);
        process.exitCode = 1;
        return null;
      });
      if (fake === null) return;
      process.stdout.write(
        [
          `creditpool fake-upstream is serving on ${fake.url}`,
          `  OpenAI base URL:    ${fake.openAiBaseUrl}`,
          `  Anthropic base URL: ${fake.url}`,
          `Any API key works; script replies and errors under ${fake.url}/_fake/ ` +
            "(docs/reference/fake-upstream.md).",
          "",
        ].join("\n"),
      );
      const stop = () => {
        void fake.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
