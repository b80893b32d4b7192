/**
 * The write lock SQLite stores share across threads: one holder at a time, first come first
 * served, and a thread that waits for it keeps serving its event loop.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { SharedMutex } from "../src/store/mutex.ts";

function holderThread(buffer: SharedArrayBuffer): Worker {
  return new Worker(new URL("./support/typescript-worker.mjs", import.meta.url), {
    workerData: { module: new URL("./support/mutex-holder.ts", import.meta.url).href, buffer },
  });
}

describe("the shared write lock", () => {
  it("lets one holder in at a time, in the order they came", async () => {
    const lock = new SharedMutex();
    const order: number[] = [];
    let inside = 0;
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        lock.run(async () => {
          inside += 1;
          assert.equal(inside, 1, "one holder at a time");
          await new Promise((resolve) => setImmediate(resolve));
          order.push(n);
          inside -= 1;
        }),
      ),
    );
    assert.deepEqual(
      order,
      Array.from({ length: 50 }, (_, n) => n),
    );
  });

  it("lets the next holder in when one throws", async () => {
    const lock = new SharedMutex();
    const failed = lock.run(async () => {
      throw new Error("the work failed");
    });
    const next = lock.run(async () => "next");
    await assert.rejects(failed, /the work failed/);
    assert.equal(await next, "next");
  });

  it("keeps a thread's event loop turning while another thread holds it", async () => {
    const lock = new SharedMutex();
    const holder = holderThread(lock.buffer);
    try {
      await new Promise((resolve) => holder.once("message", resolve));
      const events: string[] = [];
      // Only this thread's timer lets the holder go: if waiting blocked the thread, it never would.
      setTimeout(() => {
        events.push("timer");
        holder.postMessage("release");
      }, 50);
      await lock.run(async () => {
        events.push("acquired");
      });
      assert.deepEqual(events, ["timer", "acquired"]);
    } finally {
      await holder.terminate();
    }
  });
});
