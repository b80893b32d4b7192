/**
 * A seeded random source (sfc32, seeded through splitmix32) for the simulator and the demo: the
 * same seed gives the same workload on every machine. Nothing here reads a clock or
 * `Math.random`; ids and secrets never come from here.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`a seed is a non-negative safe integer, got ${seed}`);
    }
    let state = (seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32);
    const split = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let round = 0; round < 12; round += 1) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A fraction in [0, 1) with 53 random bits: for choices, never for amounts. */
  fraction(): number {
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.fraction() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.fraction() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError("cannot pick from an empty list");
    return item;
  }

  /** One of the choices, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let point = this.fraction() * total;
    for (const [choice, weight] of choices) {
      if (point < weight) return choice;
      point -= weight;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new RangeError("no choices");
    return last[0];
  }

  /** A bigint in [min, max], both inclusive (the slight modulo bias does not matter here). */
  bigint(min: bigint, max: bigint): bigint {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    const random = (BigInt(this.uint32()) << 32n) | BigInt(this.uint32());
    return min + (random % (max - min + 1n));
  }

  /** How many of a rare event happen in a span where `mean` are expected (Knuth's method). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.fraction();
    while (product > limit) {
      count += 1;
      product *= this.fraction();
    }
    return count;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.fraction();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.fraction());
  }
}
