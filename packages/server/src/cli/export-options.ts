/**
 * The options of `creditpool serve` that turn on the export to NATS JetStream, each checked when
 * the command line is read, so a mistyped one stops the command in one line before it serves.
 */
import { InvalidArgumentError, Option } from "commander";
import { integerIn } from "./demo-command.ts";

/** One or more `nats://` (or `tls://`) URLs, comma separated. */
function natsServers(value: string): string {
  for (const server of value.split(",")) {
    const url = URL.canParse(server.trim()) ? new URL(server.trim()) : null;
    if (url === null || !["nats:", "tls:"].includes(url.protocol) || url.hostname === "")
      throw new InvalidArgumentError("export-nats must be nats://host:port (comma separated).");
  }
  return value;
}

/** JetStream's stream names: letters, digits, `-` and `_`, at most 32. */
function streamName(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(value))
    throw new InvalidArgumentError("export-stream must be 1 to 32 letters, digits, - or _.");
  return value;
}

/** Subject tokens with no wildcard: the stream takes `<prefix>.>`. */
function subjectPrefix(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,3}$/.test(value))
    throw new InvalidArgumentError(
      "export-subject-prefix must be 1 to 4 dot-separated tokens of letters, digits, - or _.",
    );
  return value;
}

export interface ExportCommandOptions {
  readonly exportNats?: string;
  readonly exportStream: string;
  readonly exportSubjectPrefix: string;
  readonly exportDuplicateWindow: number;
}

/** The options, each also read from its environment variable and checked the same way. */
export function exportOptions() {
  return {
    nats: new Option(
      "--export-nats <url>",
      "export the journal to NATS JetStream at this server (off by default)",
    )
      .env("CREDITPOOL_EXPORT_NATS")
      .argParser(natsServers),
    stream: new Option("--export-stream <name>", "the JetStream stream exported to")
      .env("CREDITPOOL_EXPORT_STREAM")
      .argParser(streamName)
      .default("CREDITPOOL"),
    subjectPrefix: new Option(
      "--export-subject-prefix <prefix>",
      "subjects are <prefix>.<organization>.transfers",
    )
      .env("CREDITPOOL_EXPORT_SUBJECT_PREFIX")
      .argParser(subjectPrefix)
      .default("creditpool"),
    duplicateWindow: new Option(
      "--export-duplicate-window <seconds>",
      "a stream the export makes drops a repeated message id within this window",
    )
      .env("CREDITPOOL_EXPORT_DUPLICATE_WINDOW")
      .argParser(integerIn("export-duplicate-window", 1, 86_400))
      .default(120),
  };
}

/** The export's settings, or undefined when `--export-nats` was not given. */
export function exportSettings(options: ExportCommandOptions) {
  if (options.exportNats === undefined) return undefined;
  return {
    servers: options.exportNats,
    stream: options.exportStream,
    subjectPrefix: options.exportSubjectPrefix,
    duplicateWindowMs: options.exportDuplicateWindow * 1000,
  };
}
