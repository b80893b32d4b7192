/**
 * NATS JetStream for export tests: the server of TEST_NATS_URL (nats://127.0.0.1:4222 when
 * unset), a stream of its own per test (a unique name and subject prefix, deleted after), and
 * everything a stream holds read back in order. With TEST_NATS_URL set, a server that does not
 * answer fails the suite; without it, the suite is skipped with the reason.
 */
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";

export function natsUrl(): string {
  const url = process.env.TEST_NATS_URL;
  return url === undefined || url === "" ? "nats://127.0.0.1:4222" : url;
}

/** False when NATS answers; else why the suite is skipped (or a throw, when it was named). */
export async function natsSkip(): Promise<string | false> {
  try {
    const connection = await connect({ servers: natsUrl(), timeout: 5_000 });
    await connection.close();
    return false;
  } catch (error) {
    if (process.env.TEST_NATS_URL !== undefined && process.env.TEST_NATS_URL !== "")
      throw new Error(`TEST_NATS_URL ${natsUrl()} does not answer`, { cause: error });
    return `no NATS server answers at ${natsUrl()} (set TEST_NATS_URL, or start nats-server -js)`;
  }
}

let count = 0;

/** A stream name and subject prefix no other test or run uses. */
export function scratchNames(): { stream: string; subjectPrefix: string } {
  count += 1;
  const tag = `${process.pid}_${Date.now().toString(36)}_${count}`;
  return { stream: `CPTEST_${tag}`, subjectPrefix: `cptest_${tag}` };
}

export interface StreamMessage {
  readonly subject: string;
  /** The `Nats-Msg-Id` header. */
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export class TestNats {
  private constructor(private readonly connection: NatsConnection) {}

  static async open(): Promise<TestNats> {
    return new TestNats(await connect({ servers: natsUrl() }));
  }

  /** How many messages the stream holds (repeats it dropped are not among them). */
  async count(stream: string): Promise<number> {
    const manager = await jetstreamManager(this.connection);
    return (await manager.streams.info(stream)).state.messages;
  }

  /** Every message of the stream, in the stream's order, through a durable consumer. */
  async read(stream: string): Promise<StreamMessage[]> {
    const manager = await jetstreamManager(this.connection);
    const total = await this.count(stream);
    const durable = `reader_${Date.now().toString(36)}`;
    await manager.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(this.connection).consumers.get(stream, durable);
    const read: StreamMessage[] = [];
    while (read.length < total) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 2_000 });
      for await (const message of batch) {
        read.push({
          subject: message.subject,
          id: message.headers?.get("Nats-Msg-Id") ?? "",
          body: message.json<Record<string, unknown>>(),
        });
        message.ack();
      }
    }
    await manager.consumers.delete(stream, durable);
    return read;
  }

  /** Deletes the stream, if it was made. */
  async drop(stream: string): Promise<void> {
    const manager = await jetstreamManager(this.connection);
    await manager.streams.delete(stream).catch(() => false);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
