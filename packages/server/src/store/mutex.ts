/** A first-come, first-served async lock: one holder at a time, the rest wait in order. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release = () => {};
    this.tail = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * The same lock for threads: a ticket lock in a `SharedArrayBuffer` that every thread holding the
 * buffer shares. First come, first served; a thread that waits awaits (`Atomics.waitAsync`) and
 * never blocks its event loop. A thread that dies holding it, or waiting for it (its ticket will
 * come up with no one to serve it), leaves the others waiting, so a process whose thread died must
 * end.
 */
export class SharedMutex {
  /** [0]: the next ticket to hand out; [1]: the ticket now served. Both wrap around together. */
  private readonly cells: Int32Array;

  constructor(readonly buffer = new SharedArrayBuffer(8)) {
    this.cells = new Int32Array(buffer);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const ticket = Atomics.add(this.cells, 0, 1);
    for (;;) {
      const serving = Atomics.load(this.cells, 1);
      if (serving === ticket) break;
      const waiting = Atomics.waitAsync(this.cells, 1, serving);
      if (waiting.async) {
        // A pending waitAsync does not keep the event loop alive; the work waiting here must.
        const alive = setInterval(() => {}, 2 ** 30);
        await waiting.value;
        clearInterval(alive);
      }
    }
    try {
      return await work();
    } finally {
      Atomics.add(this.cells, 1, 1);
      Atomics.notify(this.cells, 1);
    }
  }
}
