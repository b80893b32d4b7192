/**
 * What every client command shares: `--url`, `--key` and `--json` (or CREDITPOOL_URL and
 * CREDITPOOL_KEY), an SDK client built from them, output as JSON for scripts or text for
 * people, and errors as one line on stderr, `error <code>: <message> (param)`, with exit code 1.
 */
import { readFileSync } from "node:fs";
import { CreditpoolClient, CreditpoolError } from "@creditpool/sdk";
import { type Command, InvalidArgumentError, Option } from "commander";

export const urlDefault = "http://127.0.0.1:8080";

export interface GlobalOptions {
  readonly url?: string;
  readonly key?: string;
  readonly json?: boolean;
}

/** What a command answers: the API's JSON, and how to show it to a person. */
export interface Printable {
  readonly answer: unknown;
  readonly text: () => string;
  /** 0 unless said otherwise; a refused hold exits 2, so scripts can branch on it. */
  readonly exitCode?: number;
}

/** A subcommand that talks to the API; `registerClientCommands` gives it the global options. */
export function clientCommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description);
}

/** `--url`, `--key` and `--json`, listed after the command's own options. */
export function addGlobalOptions(command: Command): void {
  const global = (option: Option) => command.addOption(option.helpGroup("Global options:"));
  global(
    new Option("--url <url>", `the API's address (env CREDITPOOL_URL, default ${urlDefault})`),
  );
  global(new Option("--key <key>", "the API key (env CREDITPOOL_KEY)"));
  global(new Option("--json", "print the API's JSON answer, for scripts"));
}

/** Runs one command: builds the client, prints the answer, turns failures into exit codes. */
export async function run(
  command: Command,
  work: (client: CreditpoolClient) => Promise<Printable>,
): Promise<void> {
  const options = command.opts<GlobalOptions>();
  try {
    const key = options.key ?? process.env.CREDITPOOL_KEY ?? "";
    if (key === "") {
      throw new CliError("unauthenticated", "Pass --key <key> or set CREDITPOOL_KEY.", "--key");
    }
    const client = new CreditpoolClient({
      baseUrl: options.url ?? nonEmpty(process.env.CREDITPOOL_URL) ?? urlDefault,
      apiKey: key,
    });
    const printable = await work(client);
    process.stdout.write(
      options.json === true
        ? `${JSON.stringify(printable.answer, null, 2)}\n`
        : `${printable.text()}\n`,
    );
    process.exitCode = printable.exitCode ?? 0;
  } catch (error) {
    if (!(error instanceof CreditpoolError || error instanceof CliError)) throw error;
    const param = error.param === undefined ? "" : ` (${error.param})`;
    process.stderr.write(`error ${error.code}: ${error.message}${param}\n`);
    process.exitCode = 1;
  }
}

/** A request the command line refuses before it reaches the API. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Parses a whole number option, e.g. `--limit 20`. */
export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("Not a whole number.");
  return Number(value);
}

/** Options every list command takes. */
export function paged(command: Command): Command {
  return command
    .option("--limit <n>", "how many to show (at most 100)", integer)
    .option("--starting-after <id>", "show those after this one");
}

/** The line after a list that says how to get the next page. */
export function more(hasMore: boolean, cursor: string | number | undefined): string {
  return hasMore && cursor !== undefined ? `\nMore: --starting-after ${cursor}` : "";
}

/** A JSON file's content, or stdin's for "-"; an unreadable file is the option's fault. */
export function readJson(path: string, option: string): unknown {
  try {
    return JSON.parse(readFileSync(path === "-" ? 0 : path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError("invalid_request", `Cannot read ${path}: ${reason}`, option);
  }
}
