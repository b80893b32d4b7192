/**
 * The export to a real NATS JetStream: every transfer of every organization reaches the stream
 * exactly once by id, in each organization's sequence order; a restart resumes from the
 * checkpoint; a checkpoint write that fails, or a node that dies between the stream's
 * acknowledgement and the checkpoint, costs a page published again, which the stream drops by
 * id; two exporters on one database share the organizations and the stream holds each id once.
 * Each test has a stream of its own, deleted after.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventView } from "../src/http/routes/events.ts";
import { transferView } from "../src/http/routes/transfers.ts";
import { NatsPublisher } from "../src/jobs/nats-publisher.ts";
import {
  type ExportOptions,
  type ExportPublisher,
  ExportService,
  eventsSource,
  journalSource,
} from "../src/services/export.ts";
import type { Store } from "../src/store/port.ts";
import { grantRequest, holdRequest, testEngine } from "./support/ledger.ts";
import { natsSkip, natsUrl, scratchNames, TestNats } from "./support/nats.ts";
import { postgresKind, type StoreKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

const skip = await natsSkip();

/** Organizations with a grant and `holds` holds each: 1 + `holds` transfers apiece. */
async function ledger(store: Store, organizations: number, holds: number): Promise<string[]> {
  const { engine } = testEngine(store);
  const ids: string[] = [];
  for (let index = 0; index < organizations; index += 1) {
    const organization = await engine.createOrganization(`Exported ${index}`);
    await engine.submit(organization.id, grantRequest(organization.rootPoolId, "100000"));
    await Promise.all(
      Array.from({ length: holds }, () =>
        engine.submit(organization.id, holdRequest(organization.rootPoolId, "1")),
      ),
    );
    ids.push(organization.id);
  }
  await engine.close();
  return ids;
}

type Names = { stream: string; subjectPrefix: string };

function exporter(
  store: Store,
  names: Names,
  node: string,
  options: Partial<ExportOptions> & { publisher?: ExportPublisher } = {},
  withEvents = false,
) {
  const nats = new NatsPublisher({ servers: natsUrl(), ...names, duplicateWindowMs: 120_000 });
  const service = new ExportService(
    store,
    Date.now,
    options.publisher ?? nats,
    [journalSource(store, transferView), ...(withEvents ? [eventsSource(store, eventView)] : [])],
    {
      exporter: names.stream,
      subjectPrefix: names.subjectPrefix,
      node,
      rowsPerStep: 40,
      ...options,
    },
  );
  return { service, nats };
}

/** Passes until nothing is left behind; answers what was published and dropped as repeats. */
async function drain(service: ExportService): Promise<{ published: number; duplicates: number }> {
  let published = 0;
  let duplicates = 0;
  for (let pass = 0; pass < 1000; pass += 1) {
    const report = await service.pass();
    published += report.published;
    duplicates += report.duplicates;
    if (report.organizations === 0) return { published, duplicates };
  }
  throw new Error("the export never caught up");
}

/**
 * Passes of one of several nodes until no organization is behind, leased by another node or not:
 * a pass that finds every organization behind leased waits a moment and looks again.
 */
async function drainShared(service: ExportService, store: Store, stream: string) {
  let published = 0;
  let duplicates = 0;
  for (let pass = 0; pass < 5000; pass += 1) {
    const report = await service.pass();
    published += report.published;
    duplicates += report.duplicates;
    const behind = await store.exportsBehind(stream, "transfers", Number.MAX_SAFE_INTEGER, 1);
    if (behind.length === 0) return { published, duplicates };
    if (report.organizations === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the exporters never caught up");
}

/** Every transfer of the organizations, by organization, in sequence order. */
async function journal(store: Store, organizations: readonly string[]) {
  const all = new Map<string, { id: string; sequence: number }[]>();
  for (const organizationId of organizations)
    all.set(
      organizationId,
      await store.listTransfers(organizationId, { afterSequence: 0, limit: 10_000 }),
    );
  return all;
}

/** The stream holds each transfer once, per organization in sequence order, in the API's view. */
async function assertExported(nats: TestNats, names: Names, store: Store, organizations: string[]) {
  const messages = await nats.read(names.stream);
  const expected = await journal(store, organizations);
  const total = [...expected.values()].reduce((sum, rows) => sum + rows.length, 0);
  assert.equal(messages.length, total, "the stream holds every transfer once");
  assert.equal(new Set(messages.map((message) => message.id)).size, total, "each id once");
  for (const organizationId of organizations) {
    const mine = messages.filter((message) => message.body.organization === organizationId);
    const transfers = await store.listTransfers(organizationId, {
      afterSequence: 0,
      limit: 10_000,
    });
    assert.deepEqual(
      mine.map((message) => message.body),
      transfers.map((transfer) => ({ ...transferView(transfer), organization: organizationId })),
      "in sequence order, as GET /v1/transfers shows them",
    );
    for (const message of mine) {
      assert.equal(message.id, message.body.id, "Nats-Msg-Id is the transfer's id");
      assert.equal(message.subject, `${names.subjectPrefix}.${organizationId}.transfers`);
    }
  }
}

describe("export to NATS JetStream", { skip }, () => {
  let nats: TestNats;
  const streams: string[] = [];
  const kinds: StoreKind[] = [];
  const names = (): Names => {
    const made = scratchNames();
    streams.push(made.stream);
    return made;
  };
  const open = async (kind: StoreKind = sqliteKind()) => {
    kinds.push(kind);
    return kind.open();
  };

  before(async () => {
    nats = await TestNats.open();
  });
  after(async () => {
    for (const stream of streams) await nats?.drop(stream);
    await nats?.close();
    for (const kind of kinds) await kind.cleanup();
  });

  it("every transfer of two organizations once, in each organization's order", async () => {
    const store = await open();
    const organizations = await ledger(store, 2, 150);
    const stream = names();
    const { service, nats: publisher } = exporter(store, stream, "node_a");
    const done = await drain(service);
    await publisher.close();
    assert.equal(done.published, 302);
    assert.equal(done.duplicates, 0);
    await assertExported(nats, stream, store, organizations);
    await store.close();
  });

  it("the event outbox beside the journal: each event once, under events.<type>", async () => {
    const store = await open();
    const [organizationId = ""] = await ledger(store, 1, 2);
    const drafts = ["grant.issued", "pool.debt", "grant.issued"].map((type, index) => ({
      organizationId,
      type: type as "grant.issued" | "pool.debt",
      data: JSON.stringify({ index }),
      createdAt: Date.now(),
    }));
    await store.appendEvents(drafts);
    const stream = names();
    const { service, nats: publisher } = exporter(store, stream, "node_a", {}, true);
    assert.equal((await drain(service)).published, 3 + 3);
    await publisher.close();
    const events = await store.listEvents(organizationId, { afterSequence: 0, limit: 100 });
    const messages = (await nats.read(stream.stream)).filter((m) => m.subject.includes(".events."));
    assert.deepEqual(
      messages.map((m) => [m.id, m.subject, m.body.organization]),
      events.map((e) => [
        e.id,
        `${stream.subjectPrefix}.${organizationId}.events.${e.type}`,
        organizationId,
      ]),
    );
    assert.deepEqual(
      messages.map((m) => m.body),
      events.map((e) => ({ ...eventView(e), organization: organizationId })),
    );
    await store.close();
  });

  it("a restart resumes from the checkpoint, publishing nothing twice", async () => {
    const store = await open();
    const organizations = await ledger(store, 2, 100);
    const stream = names();
    const first = exporter(store, stream, "node_a");
    const partial = await first.service.pass();
    assert.equal(partial.published, 80, "one page of each organization");
    await first.nats.close();
    const second = exporter(store, stream, "node_b");
    const rest = await drain(second.service);
    await second.nats.close();
    assert.deepEqual(rest, { published: 202 - 80, duplicates: 0 });
    await assertExported(nats, stream, store, organizations);
    await store.close();
  });

  for (const failure of ["the checkpoint write fails", "the node dies after the ack"] as const) {
    it(`${failure}: the page goes again, and the stream drops it by id`, async () => {
      const store = await open();
      const organizations = await ledger(store, 1, 100);
      const stream = names();
      // A store whose checkpoint write fails; a node that dies also never frees its lease.
      const failing: Store = Object.create(store);
      failing.moveExportCheckpoint = async () => {
        throw new Error(failure);
      };
      if (failure === "the node dies after the ack") failing.releaseExport = async () => {};
      const dying = exporter(failing, stream, "node_a", { leaseMs: 300 });
      await assert.rejects(dying.service.pass(), new RegExp(failure));
      await dying.nats.close();
      assert.equal(await nats.count(stream.stream), 40, "the stream took the first page");
      if (failure === "the node dies after the ack") {
        const early = exporter(store, stream, "node_b");
        assert.equal((await early.service.pass()).organizations, 0, "held by the dead node");
        await early.nats.close();
        await new Promise((resolve) => setTimeout(resolve, 350));
      }
      const restarted = exporter(store, stream, "node_b");
      const rest = await drain(restarted.service);
      await restarted.nats.close();
      assert.deepEqual(rest, { published: 101, duplicates: 40 }, "the first page again");
      assert.equal(await nats.count(stream.stream), 101, "repeats dropped by the stream");
      await assertExported(nats, stream, store, organizations);
      await store.close();
    });
  }

  const url = testDatabaseUrl();
  const shared: { name: string; kind: () => StoreKind; skip: string | false }[] = [
    { name: "a SQLite file", kind: sqliteKind, skip: false },
    {
      name: "PostgreSQL",
      kind: () => postgresKind(url ?? ""),
      skip: url === undefined ? "TEST_DATABASE_URL is not set" : false,
    },
  ];
  for (const database of shared) {
    it(`two exporters on ${database.name}: each page published once`, {
      skip: database.skip,
    }, async () => {
      const kind = database.kind();
      const first = await open(kind);
      const second = await kind.openSibling?.();
      assert.ok(second !== undefined);
      const organizations = await ledger(first, 6, 60);
      const stream = names();
      const a = exporter(first, stream, "node_a", { rowsPerStep: 20 });
      const b = exporter(second, stream, "node_b", { rowsPerStep: 20 });
      const [doneA, doneB] = await Promise.all([
        drainShared(a.service, first, stream.stream),
        drainShared(b.service, second, stream.stream),
      ]);
      await Promise.all([a.nats.close(), b.nats.close()]);
      // Without the lease both would publish (nearly) everything; with it, each page goes once.
      assert.equal(doneA.published + doneB.published, 6 * 61, "no page published by both");
      assert.equal(doneA.duplicates + doneB.duplicates, 0);
      await assertExported(nats, stream, first, organizations);
      await Promise.all([first.close(), second.close()]);
    });
  }
});
