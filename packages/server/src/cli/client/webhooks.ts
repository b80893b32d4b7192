/**
 * `creditpool webhooks create|list|get|update|delete|rotate-secret|test|deliveries|retry` and
 * `creditpool events list|get|replay`: where events are delivered, and what happened. An
 * endpoint's address is an argument (`create <url>`) or `--endpoint-url`, since `--url` is the
 * API's own address.
 */
import type {
  CreateWebhookEndpoint,
  Event,
  WebhookDelivery,
  WebhookEndpoint,
} from "@creditpool/sdk";
import type { Command } from "commander";
import { clientCommand, more, paged, run } from "./context.ts";
import { type Column, detail, table } from "./table.ts";

const endpointColumns: readonly Column<WebhookEndpoint>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "URL", value: (row) => row.url },
  { header: "EVENTS", value: (row) => row.event_types.join(",") },
  { header: "ENABLED", value: (row) => (row.enabled ? "yes" : "no") },
  { header: "DESCRIPTION", value: (row) => row.description },
];

const deliveryColumns: readonly Column<WebhookDelivery>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "EVENT", value: (row) => row.event },
  { header: "STATUS", value: (row) => row.status },
  { header: "ATTEMPTS", value: (row) => String(row.attempts), align: "right" },
  { header: "LAST", value: (row) => String(row.last_status_code ?? row.last_error ?? "-") },
  { header: "NEXT", value: (row) => row.next_attempt_at ?? "-" },
];

const eventColumns: readonly Column<Event>[] = [
  { header: "ID", value: (row) => row.id },
  { header: "SEQ", value: (row) => String(row.sequence), align: "right" },
  { header: "TYPE", value: (row) => row.type },
  { header: "CREATED", value: (row) => row.created_at },
];

interface PageOptions {
  readonly limit?: number;
  readonly startingAfter?: string;
}

interface WriteOptions {
  readonly idempotencyKey?: string;
}

type EventTypes = NonNullable<CreateWebhookEndpoint["event_types"]>;

/**
 * `a,b` as a list, blanks dropped: `--events grant.issued,key.created`. The API checks each type
 * and names the one it does not know (`event_types[0]`).
 */
function listOf(text: string): EventTypes {
  return text
    .split(",")
    .map((each) => each.trim())
    .filter((each) => each !== "") as EventTypes;
}

/** An endpoint, with the reminder that a secret shown now is never shown again. */
function endpointText(row: WebhookEndpoint): string {
  const shown = detail(row);
  return row.secret === undefined ? shown : `${shown}\n\nKeep the secret: it is not shown again.`;
}

export function registerWebhookCommands(program: Command): void {
  const webhooks = program
    .command("webhooks")
    .description("Webhook endpoints the organization's events are delivered to, signed");

  clientCommand(webhooks, "create", "Add an endpoint; its signing secret is shown once")
    .argument("<url>", "where events are posted (https, or http)")
    .option("--events <types>", "event types, comma-separated, or * for all", "*")
    .option("--description <text>", "what the endpoint is for")
    .option("--disabled", "make it disabled: nothing is delivered until it is enabled")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action(
      (
        url: string,
        options: WriteOptions & { events: string; description?: string; disabled?: boolean },
        command: Command,
      ) =>
        run(command, async (client) => {
          const row = await client.webhookEndpoints.create(
            {
              url,
              event_types: listOf(options.events),
              ...(options.description === undefined ? {} : { description: options.description }),
              ...(options.disabled === true ? { enabled: false } : {}),
            },
            { idempotencyKey: options.idempotencyKey },
          );
          return { answer: row, text: () => endpointText(row) };
        }),
    );

  paged(clientCommand(webhooks, "list", "List webhook endpoints")).action(
    (options: PageOptions, command: Command) =>
      run(command, async (client) => {
        const page = await client.webhookEndpoints.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () => table(page.data, endpointColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(webhooks, "get", "Show a webhook endpoint")
    .argument("<id>", "the endpoint's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.webhookEndpoints.get(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(webhooks, "update", "Change an endpoint's address, events, description or state")
    .argument("<id>", "the endpoint's id")
    .option("--endpoint-url <url>", "the new address events are posted to")
    .option("--events <types>", "event types, comma-separated, or * for all")
    .option("--description <text>", "what the endpoint is for")
    .option("--enable", "deliver to it")
    .option("--disable", "stop delivering to it")
    .action(
      (
        id: string,
        options: {
          endpointUrl?: string;
          events?: string;
          description?: string;
          enable?: boolean;
          disable?: boolean;
        },
        command: Command,
      ) =>
        run(command, async (client) => {
          const enabled = options.enable === true ? true : options.disable === true ? false : null;
          const row = await client.webhookEndpoints.update(id, {
            ...(options.endpointUrl === undefined ? {} : { url: options.endpointUrl }),
            ...(options.events === undefined ? {} : { event_types: listOf(options.events) }),
            ...(options.description === undefined ? {} : { description: options.description }),
            ...(enabled === null ? {} : { enabled }),
          });
          return { answer: row, text: () => detail(row) };
        }),
    );

  clientCommand(webhooks, "delete", "Remove an endpoint and its delivery log")
    .argument("<id>", "the endpoint's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const row = await client.webhookEndpoints.delete(id);
        return { answer: row, text: () => detail(row) };
      }),
    );

  clientCommand(webhooks, "rotate-secret", "A new secret, shown once; the old one signs 24 hours")
    .argument("<id>", "the endpoint's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: WriteOptions, command: Command) =>
      run(command, async (client) => {
        const row = await client.webhookEndpoints.rotateSecret(id, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: row, text: () => endpointText(row) };
      }),
    );

  clientCommand(webhooks, "test", "Send a webhook_endpoint.test event to an endpoint")
    .argument("<id>", "the endpoint's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: WriteOptions, command: Command) =>
      run(command, async (client) => {
        const event = await client.webhookEndpoints.test(id, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: event, text: () => detail(event) };
      }),
    );

  paged(
    clientCommand(webhooks, "deliveries", "An endpoint's delivery log, the newest first").argument(
      "<id>",
      "the endpoint's id",
    ),
  ).action((id: string, options: PageOptions, command: Command) =>
    run(command, async (client) => {
      const page = await client.webhookEndpoints.deliveries(id, {
        limit: options.limit,
        starting_after: options.startingAfter,
      });
      return {
        answer: page,
        text: () => table(page.data, deliveryColumns) + more(page.has_more, page.data.at(-1)?.id),
      };
    }),
  );

  clientCommand(webhooks, "retry", "Deliver a delivery's event to its endpoint again, now")
    .argument("<delivery>", "the delivery's id")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: WriteOptions, command: Command) =>
      run(command, async (client) => {
        const row = await client.webhookDeliveries.retry(id, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: row, text: () => detail(row) };
      }),
    );
}

export function registerEventCommands(program: Command): void {
  const events = program.command("events").description("What happened in the organization");

  paged(clientCommand(events, "list", "List events in the order they happened"))
    .option("--type <type>", "only events of this type, e.g. grant.issued")
    .action((options: PageOptions & { type?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.events.list({
          limit: options.limit,
          starting_after: options.startingAfter,
          ...(options.type === undefined ? {} : { type: options.type as Event["type"] }),
        });
        return {
          answer: page,
          text: () => table(page.data, eventColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
    );

  clientCommand(events, "get", "Show an event and its data")
    .argument("<id>", "the event's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const event = await client.events.get(id);
        return { answer: event, text: () => detail(event) };
      }),
    );

  clientCommand(events, "replay", "Deliver an event again, to every endpoint that wants it")
    .argument("<id>", "the event's id")
    .option("--endpoint <id>", "to this endpoint only")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: WriteOptions & { endpoint?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.events.replay(
          id,
          options.endpoint === undefined ? {} : { endpoint: options.endpoint },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: page, text: () => table(page.data, deliveryColumns) };
      }),
    );
}
