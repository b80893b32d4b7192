/**
 * What falls due, in the order it is applied: a binary heap of activations, hold expiries and
 * grant expiries by time, then kind (activations, hold expiries, grant expiries), then id. A batch
 * pays O(log n) for each thing that falls due, never a scan of every open hold and grant.
 *
 * Entries are not removed when their object settles (a hold captured, a grant voided, an object
 * pruned or loaded again) or when a grant's expiry moves; `isCurrent` tells a stale entry from a
 * current one when it comes to the top, and the queue is rebuilt from the live objects once stale
 * entries outnumber them.
 */
import type { DueEvent, DueIndex, Grant, Hold } from "./model.ts";

/** Rebuild once the queue holds more than this many entries per live object (plus a floor). */
const staleRatioMax = 2;
const rebuildFloor = 1024;

export class DueQueue implements DueIndex {
  private heap: DueEvent[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The events a grant will have: its activation if it is not active yet, and its expiry. */
  addGrant(grant: Grant): void {
    if (grant.closed !== null) return;
    if (!grant.activated) this.push({ at: grant.effectiveAt, order: 0, kind: "activate", grant });
    this.addGrantExpiry(grant);
  }

  /**
   * The grant's expiry, also when it moved: the entry of the earlier time stays and is skipped as
   * stale, since it no longer equals `expiresAt`. Moved back to that time, the grant has two
   * current entries; the first closes it and the second, of a closed grant, is stale.
   */
  addGrantExpiry(grant: Grant): void {
    if (grant.closed === null && grant.expiresAt !== null)
      this.push({ at: grant.expiresAt, order: 2, kind: "expire_grant", grant });
  }

  addHold(hold: Hold): void {
    if (hold.status === "held")
      this.push({ at: hold.expiresAt, order: 1, kind: "expire_hold", hold });
  }

  /** The earliest entry, current or stale, without removing it. */
  peek(): DueEvent | undefined {
    return this.heap[0];
  }

  pop(): DueEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    this.siftDown(0);
    return top;
  }

  /**
   * Rebuilds from the live objects when stale entries have piled up, so the queue's size follows
   * what is live, not what has settled since.
   */
  compactIfStale(liveObjects: number, live: () => Iterable<Grant | Hold>): void {
    if (this.heap.length <= staleRatioMax * liveObjects + rebuildFloor) return;
    this.heap = [];
    for (const object of live()) {
      if ("status" in object) this.addHold(object);
      else this.addGrant(object);
    }
  }

  private push(event: DueEvent): void {
    this.heap.push(event);
    this.siftUp(this.heap.length - 1);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const event = heap[index] as DueEvent;
    let at = index;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent] as DueEvent;
      if (compareDue(above, event) <= 0) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = event;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const event = heap[index] as DueEvent;
    const length = heap.length;
    let at = index;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && compareDue(heap[right] as DueEvent, heap[left] as DueEvent) < 0)
        child = right;
      const below = heap[child] as DueEvent;
      if (compareDue(event, below) <= 0) break;
      heap[at] = below;
      at = child;
    }
    heap[at] = event;
  }
}

/** Time, then activations before hold expiries before grant expiries, then id. */
export function compareDue(a: DueEvent, b: DueEvent): number {
  return a.at - b.at || a.order - b.order || idOf(a).localeCompare(idOf(b));
}

function idOf(event: DueEvent): string {
  return event.kind === "expire_hold" ? event.hold.id : event.grant.id;
}
