/**
 * `creditpool upstreams create|list|get|update|delete`: the provider credentials the gateway
 * calls through. A credential is read from stdin (`--api-key-stdin`) or from an environment
 * variable (`--api-key-env NAME`), never from an option's value, so it stays out of the shell's
 * history and the process list.
 */
import { readFileSync } from "node:fs";
import type { CreateUpstream, UpdateUpstream, Upstream } from "@creditpool/sdk";
import { type Command, Option } from "commander";
import { CliError, clientCommand, more, paged, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";

const columns: readonly Column<Upstream>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "PROVIDER", value: (row) => row.provider },
  { header: "NAME", value: (row) => row.name },
  { header: "KEY", value: (row) => `…${row.api_key_last4}` },
  { header: "WINDOWS", value: (row) => row.windows.map(windowText).join(" ") || "-" },
  { header: "ENABLED", value: (row) => (row.enabled ? "yes" : "no") },
  { header: "COOLING UNTIL", value: (row) => row.cooling_until ?? "-" },
];

type Window = Upstream["windows"][number];

/** `5h:12/200req,3400/-tok`: a window's length and what it used of its maximums. */
function windowText(window: Window): string {
  const part = (used: number, max: number | null, unit: string) =>
    max === null ? "" : `${used}/${max}${unit}`;
  const parts = [
    part(window.used.requests, window.max_requests, "req"),
    part(window.used.tokens, window.max_tokens, "tok"),
  ].filter((text) => text !== "");
  return `${durationText(window.duration_seconds)}:${parts.join(",") || "unlimited"}`;
}

function durationText(seconds: number): string {
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
  ] as const)
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

type WindowInput = NonNullable<CreateUpstream["windows"]>[number];

/** `5h,requests=200,tokens=1000000`: a window's length, then its maximums. */
export function windowOf(text: string, previous: WindowInput[] = []): WindowInput[] {
  const [length = "", ...limits] = text.split(",");
  const matched = /^(\d+)([smhd]?)$/.exec(length.trim());
  const refuse = () =>
    new CliError(
      "invalid_request",
      `Expected a window like 5h,requests=200,tokens=1000000; got ${text}.`,
      "--window",
    );
  if (matched === null) throw refuse();
  const window: WindowInput = {
    duration_seconds: Number(matched[1]) * (units[matched[2] || "s"] ?? 1),
  };
  for (const limit of limits) {
    const [name, value = ""] = limit.split("=").map((part) => part.trim());
    if (!/^\d+$/.test(value)) throw refuse();
    if (name === "requests") window.max_requests = Number(value);
    else if (name === "tokens") window.max_tokens = Number(value);
    else throw refuse();
  }
  return [...previous, window];
}

interface CredentialOptions {
  readonly apiKeyStdin?: boolean;
  readonly apiKeyEnv?: string;
}

/** The credential from stdin or a variable, trimmed of its line end; undefined when neither. */
function credentialOf(options: CredentialOptions): string | undefined {
  if (options.apiKeyStdin === true && options.apiKeyEnv !== undefined)
    throw new CliError("invalid_request", "Pass one of the two.", "--api-key-stdin");
  if (options.apiKeyStdin === true) return readFileSync(0, "utf8").trim();
  if (options.apiKeyEnv === undefined) return undefined;
  const value = process.env[options.apiKeyEnv];
  if (value === undefined || value === "")
    throw new CliError("invalid_request", `${options.apiKeyEnv} is not set.`, "--api-key-env");
  return value.trim();
}

function credentialOptions(command: Command): Command {
  return command
    .option("--api-key-stdin", "read the provider credential from stdin")
    .option("--api-key-env <name>", "read the provider credential from this variable");
}

interface ChangeOptions extends CredentialOptions {
  readonly name?: string;
  readonly baseUrl?: string;
  readonly window?: WindowInput[];
  readonly noWindows?: boolean;
}

interface CreateOptions extends ChangeOptions {
  readonly provider: CreateUpstream["provider"];
  readonly disabled?: boolean;
  readonly idempotencyKey?: string;
}

interface UpdateOptions extends ChangeOptions {
  readonly enabled?: string;
}

export function registerUpstreamCommands(program: Command): void {
  const upstreams = program
    .command("upstreams")
    .description("Provider credentials the gateway calls through, with quota windows");

  credentialOptions(clientCommand(upstreams, "create", "Add an upstream account"))
    .addOption(
      new Option("--provider <provider>", "whose API it calls")
        .choices(["openai", "anthropic"])
        .makeOptionMandatory(),
    )
    .requiredOption("--name <name>", "what people call it")
    .option("--base-url <url>", "the provider's API by default")
    .option("--window <spec>", "a quota window, e.g. 5h,requests=200 (repeat)", windowOf)
    .option("--disabled", "make it disabled")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: CreateOptions, command: Command) =>
      run(command, async (client) => {
        const apiKey = credentialOf(options);
        if (apiKey === undefined)
          throw new CliError(
            "invalid_request",
            "Give the credential with --api-key-stdin or --api-key-env.",
            "--api-key-stdin",
          );
        const body: CreateUpstream = {
          provider: options.provider,
          name: options.name ?? "",
          api_key: apiKey,
          ...(options.baseUrl === undefined ? {} : { base_url: options.baseUrl }),
          ...(options.window === undefined ? {} : { windows: options.window }),
          ...(options.disabled === true ? { enabled: false } : {}),
        };
        const row = await client.upstreams.create(body, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: row, text: () => detail(row) };
      }),
    );

  paged(clientCommand(upstreams, "list", "List upstream accounts and their windows' use")).action(
    (options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.upstreams.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, columns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(upstreams, "get", "Show an upstream account")
    .argument("<id>", "the account's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.upstreams.get(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  credentialOptions(clientCommand(upstreams, "update", "Change an account; a credential rotates"))
    .argument("<id>", "the account's id")
    .option("--name <name>", "a new name")
    .option("--base-url <url>", "a new base URL")
    .option("--window <spec>", "the windows, replacing them all (repeat)", windowOf)
    .option("--no-windows", "remove every window")
    .addOption(new Option("--enabled <yes|no>", "in use or not").choices(["yes", "no"]))
    .action((id: string, options: UpdateOptions & { windows?: boolean }, command: Command) =>
      run(command, async (client) => {
        const apiKey = credentialOf(options);
        const windows = options.windows === false ? [] : options.window;
        const body: UpdateUpstream = {
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.baseUrl === undefined ? {} : { base_url: options.baseUrl }),
          ...(apiKey === undefined ? {} : { api_key: apiKey }),
          ...(windows === undefined ? {} : { windows }),
          ...(options.enabled === undefined ? {} : { enabled: options.enabled === "yes" }),
        };
        const row = await client.upstreams.update(id, body);
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(upstreams, "delete", "Remove an upstream account")
    .argument("<id>", "the account's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.upstreams.delete(id);
        return { answer: row, text: () => detail(row) };
      }),
    );
}
