/**
 * Retention through the service and the job: request keys are forgotten after 7 days, usage
 * event ids after 40, in bounded batches, and the server's job can be run and stopped.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { limits } from "@creditpool/core";
import { startRetentionJob } from "../src/jobs/retention.ts";
import { RetentionService } from "../src/services/retention.ts";
import { MemoryStore } from "../src/store/memory/memory-store.ts";
import { grantRequest, TestClock, testEngine } from "./support/ledger.ts";

const dayMs = 86_400_000;

async function storeWithAnswers(count: number, key: (index: number) => string) {
  const store = new MemoryStore();
  const clock = new TestClock();
  const { engine } = testEngine(store, clock);
  const { id, rootPoolId } = await engine.createOrganization("Retention");
  const commands = Array.from({ length: count }, (_, index) =>
    engine.submit(id, grantRequest(rootPoolId, "1"), { idempotencyKey: key(index) }),
  );
  await Promise.all(commands);
  return { store, clock, id };
}

describe("retention forgets stored answers as DESIGN promises", () => {
  it("keeps request keys 7 days and usage event ids 40, to the millisecond", async () => {
    const { store, clock, id } = await storeWithAnswers(2, (index) =>
      index === 0 ? "request" : "event:e1",
    );
    const service = new RetentionService(store, clock.read);
    clock.advance(limits.idempotencyRetentionMs);
    assert.equal((await service.forgetExpiredAnswers()).forgotten, 0, "a key 7 days old stays");
    clock.advance(1);
    assert.equal((await service.forgetExpiredAnswers()).forgotten, 1);
    assert.equal(await store.findAnswer(id, "request"), null);
    assert.notEqual(await store.findAnswer(id, "event:e1"), null);
    clock.advance(limits.usageEventIdRetentionMs - limits.idempotencyRetentionMs);
    assert.equal((await service.forgetExpiredAnswers()).forgotten, 1);
    assert.equal(await store.findAnswer(id, "event:e1"), null);
  });

  it("forgets in transactions of at most answersPrunedPerBatchMax", async () => {
    const count = limits.answersPrunedPerBatchMax * 2 + 5;
    const { store, clock } = await storeWithAnswers(count, (index) => `k${index}`);
    clock.advance(8 * dayMs);
    const report = await new RetentionService(store, clock.read).forgetExpiredAnswers();
    assert.deepEqual(report, { forgotten: count, batches: 4, decisionsForgotten: 0 });
  });

  it("the server's job runs a pass on demand, reports it, and stops", async () => {
    const { store, clock } = await storeWithAnswers(3, (index) => `k${index}`);
    clock.advance(8 * dayMs);
    const passes: number[] = [];
    const job = startRetentionJob(new RetentionService(store, clock.read), {
      onPass: (report) => passes.push(report.forgotten),
    });
    const [first, second] = await Promise.all([job.runNow(), job.runNow()]);
    assert.equal(first.forgotten, 3);
    assert.equal(second.forgotten, 0, "the second pass waits for the first");
    assert.deepEqual(passes, [3]);
    await job.stop();
  });

  it("a tick skips its turn while a pass runs, so passes never pile up", async () => {
    const { store, clock } = await storeWithAnswers(2, (index) => `k${index}`);
    clock.advance(8 * dayMs);
    const service = new RetentionService(store, clock.read);
    let passes = 0;
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const forget = service.forgetExpiredAnswers.bind(service);
    service.forgetExpiredAnswers = async () => {
      passes += 1;
      await blocked;
      return forget();
    };
    const job = startRetentionJob(service, { intervalMs: 1 });
    while (passes === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    // However many ticks come while the first pass is held, none starts another.
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(passes, 1);
    release();
    await job.stop();
  });
});
