/**
 * Prefixed ULIDs: `hold_01JD…`. The clock and the random source are injected, so tests and the
 * simulator get reproducible ids; production passes the wall clock and the system's CSPRNG.
 */
import { encodeUlid } from "@creditpool/core";

/** The time source every layer is given: milliseconds since the Unix epoch. */
export type Clock = () => number;

export type IdPrefix =
  | "org"
  | "pool"
  | "grant"
  | "hold"
  | "txn"
  | "key"
  | "mem"
  | "quote"
  | "evt"
  | "rc"
  | "sub"
  | "inv"
  | "clock"
  | "rgr"
  | "dec"
  | "aud"
  | "we"
  | "wdel"
  | "arule"
  | "alert"
  | "call"
  | "ups"
  | "rpol";

export interface IdSource {
  next(prefix: IdPrefix): string;
}

export type RandomFill = (bytes: Uint8Array) => void;

export function ulidIdSource(clock: () => number, fillRandom: RandomFill): IdSource {
  // Random bytes are drawn in blocks: one call to the random source per 400 ids.
  const block = new Uint8Array(4000);
  let offset = block.length;
  return {
    next(prefix) {
      if (offset + 10 > block.length) {
        fillRandom(block);
        offset = 0;
      }
      const id = encodeUlid(clock(), block.subarray(offset, offset + 10));
      offset += 10;
      return `${prefix}_${id}`;
    },
  };
}

/** A small deterministic generator (mulberry32) for tests and the simulator. */
export function seededRandomFill(seed: number): RandomFill {
  let state = seed >>> 0;
  return (bytes) => {
    for (let index = 0; index < bytes.length; index += 1) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      bytes[index] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
  };
}
