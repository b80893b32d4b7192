/**
 * The export's publisher over NATS JetStream. It connects when first asked to publish, makes sure
 * the stream exists (its subjects and duplicate window), and publishes each message with the
 * `Nats-Msg-Id` header set to the row's id, so that JetStream drops a repeat within the window.
 *
 * A connection that drops is reconnected by the client without end; a publish meanwhile fails
 * after `publishTimeoutMs` and the export tries again later. A first connection that fails is
 * tried again on the next publish. Nothing here blocks anything but the export.
 */
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
} from "@nats-io/jetstream";
import { connect, type NatsConnection, nanos } from "@nats-io/transport-node";
import type { ExportMessage, ExportPublisher, PublishReport } from "../services/export.ts";

export const natsExportDefaults = {
  stream: "CREDITPOOL",
  subjectPrefix: "creditpool",
  /** A repeat published within this long of the first is dropped by the stream. */
  duplicateWindowMs: 2 * 60 * 1000,
  publishTimeoutMs: 5_000,
  connectTimeoutMs: 5_000,
} as const;

/** What the publisher tells its log: a connection made, lost or regained, a stream made. */
export type NatsEvent =
  | { readonly kind: "connected" | "disconnected" | "reconnected"; readonly server: string }
  | { readonly kind: "stream created"; readonly stream: string }
  | { readonly kind: "error"; readonly error: unknown };

export interface NatsPublisherOptions {
  /** One or more server URLs, comma separated (`nats://127.0.0.1:4222`). */
  readonly servers: string;
  readonly stream?: string;
  readonly subjectPrefix?: string;
  readonly duplicateWindowMs?: number;
  readonly publishTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly onEvent?: (event: NatsEvent) => void;
}

interface Connected {
  readonly connection: NatsConnection;
  readonly client: JetStreamClient;
}

export class NatsPublisher implements ExportPublisher {
  readonly stream: string;
  readonly subjectPrefix: string;
  private connecting: Promise<Connected> | null = null;
  private closed = false;

  constructor(private readonly options: NatsPublisherOptions) {
    this.stream = options.stream ?? natsExportDefaults.stream;
    this.subjectPrefix = options.subjectPrefix ?? natsExportDefaults.subjectPrefix;
  }

  async publish(messages: readonly ExportMessage[]): Promise<PublishReport> {
    if (messages.length === 0) return { acknowledged: 0, duplicates: 0 };
    let client: JetStreamClient;
    try {
      client = (await this.connected()).client;
    } catch (error) {
      return { acknowledged: 0, duplicates: 0, error };
    }
    const timeout = this.options.publishTimeoutMs ?? natsExportDefaults.publishTimeoutMs;
    let acknowledged = 0;
    let duplicates = 0;
    // One at a time: a message goes only once the one before it is stored, so that a connection
    // lost mid-page can never leave a later message in the stream before an earlier one.
    for (const message of messages) {
      try {
        const ack = await client.publish(message.subject, message.data, {
          msgID: message.id,
          timeout,
        });
        acknowledged += 1;
        if (ack.duplicate) duplicates += 1;
      } catch (error) {
        return { acknowledged, duplicates, error };
      }
    }
    return { acknowledged, duplicates };
  }

  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.connecting;
    this.connecting = null;
    const connected = await connecting?.catch(() => null);
    await connected?.connection.close();
  }

  private connected(): Promise<Connected> {
    if (this.closed) return Promise.reject(new Error("the NATS publisher is closed"));
    if (this.connecting === null) {
      const attempt = this.open();
      this.connecting = attempt;
      attempt.catch(() => {
        if (this.connecting === attempt) this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async open(): Promise<Connected> {
    const connection = await connect({
      servers: this.options.servers.split(",").map((server) => server.trim()),
      name: "creditpool export",
      timeout: this.options.connectTimeoutMs ?? natsExportDefaults.connectTimeoutMs,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
    });
    const server = connection.getServer();
    this.options.onEvent?.({ kind: "connected", server });
    void this.watch(connection);
    try {
      await this.ensureStream(await jetstreamManager(connection));
    } catch (error) {
      await connection.close();
      throw error;
    }
    return { connection, client: jetstream(connection) };
  }

  /** Logs the connection's changes until it closes. */
  private async watch(connection: NatsConnection): Promise<void> {
    const onEvent = this.options.onEvent;
    for await (const status of connection.status()) {
      if (status.type === "disconnect" || status.type === "reconnect")
        onEvent?.({ kind: `${status.type}ed`, server: status.server });
      else if (status.type === "error") onEvent?.({ kind: "error", error: status.error });
    }
  }

  /** Makes the stream when it is missing; a stream that exists is left as its owner set it. */
  private async ensureStream(manager: JetStreamManager): Promise<void> {
    try {
      await manager.streams.info(this.stream);
      return;
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound))
        throw error;
    }
    await manager.streams.add({
      name: this.stream,
      subjects: [`${this.subjectPrefix}.>`],
      duplicate_window: nanos(
        this.options.duplicateWindowMs ?? natsExportDefaults.duplicateWindowMs,
      ),
    });
    this.options.onEvent?.({ kind: "stream created", stream: this.stream });
  }
}
