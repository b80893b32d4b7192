/**
 * Sealing a secret into a row, and opening it again: AES-256-GCM with a random 96-bit nonce for
 * every seal, and the row's identity (its organization and its id) as additional authenticated
 * data, so a sealed value copied into another row, or another organization's, fails to open.
 *
 * A sealed value is text: `v1.<key id>.<nonce>.<ciphertext and tag>`, the last two in base64url.
 * The key id is the start of the SHA-256 of the key, so that during a rotation the box knows which
 * of its keys sealed a value without trying each. Nonces come from the system's CSPRNG, never from
 * an injected random source: a seeded source would repeat nonces under one key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";

/** The length of a key, a nonce and a tag, in bytes. */
const keyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const formatVersion = "v1";

/** A value that does not open: tampered with, moved to another row, or sealed by another key. */
export class SealBroken extends Error {}

export interface SecretKey {
  /** The first 8 hex digits of the key's SHA-256: names the key in what it sealed. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** A 32-byte key from its base64 text; `name` is what the error names (a variable, a file). */
export function secretKeyOf(base64: string, name: string): SecretKey {
  const text = base64.trim();
  const bytes = Buffer.from(text, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || bytes.length !== keyBytes)
    throw new Error(
      `${name} must be the base64 of exactly ${keyBytes} random bytes ` +
        "(make one with: openssl rand -base64 32)",
    );
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

/** A new random key, as base64 text. */
export function newSecretKeyText(): string {
  return randomBytes(keyBytes).toString("base64");
}

/**
 * Seals with the current key and opens with the current or the previous one, the key being
 * rotated away from (`CREDITPOOL_SECRET_KEY_PREVIOUS`).
 */
export class SecretBox {
  constructor(
    private readonly current: SecretKey,
    private readonly previous: SecretKey | null = null,
  ) {}

  /** The id of the key that seals. */
  get keyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): string {
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv("aes-256-gcm", this.current.bytes, nonce);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([
      cipher.update(plaintext, "utf8"),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return [
      formatVersion,
      this.current.id,
      nonce.toString("base64url"),
      body.toString("base64url"),
    ].join(".");
  }

  /** The plaintext; `SealBroken` when the value, its context or its key is not the one sealed. */
  open(sealed: string, context: string): string {
    const [version, keyId, nonceText, bodyText, ...rest] = sealed.split(".");
    if (
      version !== formatVersion ||
      rest.length > 0 ||
      nonceText === undefined ||
      bodyText === undefined
    )
      throw new SealBroken("not a sealed value");
    const key = [this.current, this.previous ?? this.current].find((k) => k.id === keyId);
    if (key === undefined) throw new SealBroken(`sealed by key ${keyId}, which this server lacks`);
    const nonce = Buffer.from(nonceText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (nonce.length !== nonceBytes || body.length < tagBytes) throw new SealBroken("truncated");
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, nonce);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    try {
      const text = Buffer.concat([
        decipher.update(body.subarray(0, body.length - tagBytes)),
        decipher.final(),
      ]);
      return text.toString("utf8");
    } catch {
      throw new SealBroken("the value, its row or its key is not the one sealed");
    }
  }

  /** Whether a value was sealed by a key other than the current one (the previous one). */
  sealedByPrevious(sealed: string): boolean {
    return sealed.split(".")[1] !== this.current.id;
  }

  /**
   * A keyed digest of a secret, for what must tell two secrets apart without keeping either (the
   * fingerprint of an idempotent request): no one without the key can test a guess against it.
   */
  digest(secret: string): string {
    return createHmac("sha256", this.current.bytes).update(secret, "utf8").digest("base64url");
  }
}
