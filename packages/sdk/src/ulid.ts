/**
 * ULIDs for idempotency keys: 48 bits of milliseconds then 80 random bits, in Crockford base32.
 * Keys made later sort later, so the server's index of idempotency keys grows at its right edge
 * instead of taking random inserts all over its pages.
 */

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const timeMax = 2 ** 48 - 1;

/** Fills `bytes` with random bytes; by default the platform's CSPRNG. */
export type RandomFill = (bytes: Uint8Array) => void;

const cryptoFill: RandomFill = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};

/** A 26-character ULID for `timeMs`, with 80 bits from `fill`. */
export function ulid(timeMs: number = Date.now(), fill: RandomFill = cryptoFill): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > timeMax) {
    throw new RangeError(`a ULID's time must be an integer in [0, 2^48): ${timeMs}`);
  }
  let time = "";
  let rest = timeMs;
  for (let index = 0; index < 10; index += 1) {
    time = crockford.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  const random = new Uint8Array(10);
  fill(random);
  // 80 bits are exactly 16 characters of 5 bits: read them through a small bit buffer.
  let bits = 0;
  let buffer = 0;
  let randomText = "";
  for (const byte of random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      randomText += crockford.charAt((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return time + randomText;
}

/** The millisecond time a ULID was made at. */
export function ulidTime(id: string): number {
  let time = 0;
  for (const character of id.slice(0, 10)) {
    const value = crockford.indexOf(character.toUpperCase());
    if (value < 0) throw new RangeError(`not a ULID: ${id}`);
    time = time * 32 + value;
  }
  return time;
}
