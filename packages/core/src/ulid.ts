/**
 * ULIDs: 48 bits of milliseconds and 80 bits of randomness in Crockford base32, 26 characters.
 * The time and the random bytes are inputs, so the same inputs give the same id.
 */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function encodeUlid(timeMs: number, random: Uint8Array): string {
  if (random.length < 10) throw new RangeError("a ULID needs 10 random bytes");
  let text = "";
  let time = timeMs;
  for (let index = 0; index < 10; index += 1) {
    text = alphabet.charAt(time % 32) + text;
    time = Math.floor(time / 32);
  }
  let bits = 0;
  let buffer = 0;
  for (let index = 0; index < 10; index += 1) {
    buffer = (buffer << 8) | (random[index] ?? 0);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += alphabet.charAt((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return text;
}
