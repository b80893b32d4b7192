/**
 * The secret box and where its key comes from: a sealed value opens only with its own context
 * and key, a tampered one never opens, a rotation opens what the previous key sealed; the key is
 * taken from the environment, or from a key file made beside an embedded database with mode
 * 0600, and a malformed one stops the start naming the variable or the file.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  newSecretKeyText,
  SealBroken,
  SecretBox,
  secretKeyOf,
} from "../src/services/secret-box.ts";
import { loadSecretBox, secretKeyFileOf } from "../src/services/secret-keys.ts";

const keyA = secretKeyOf(Buffer.alloc(32, 1).toString("base64"), "A");
const keyB = secretKeyOf(Buffer.alloc(32, 2).toString("base64"), "B");
const context = "upstream_account:org_a:ups_1";
const secret = "sk-ant-api03-0123456789abcdef";

/** The sealed value with one character of its part `part` changed. */
function tampered(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const text = parts[part] ?? "";
  const flipped = text[5] === "A" ? "B" : "A";
  parts[part] = `${text.slice(0, 5)}${flipped}${text.slice(6)}`;
  return parts.join(".");
}

describe("secret box", () => {
  const box = new SecretBox(keyA);

  it("opens what it sealed, and never shows the secret in the sealed text", () => {
    const sealed = box.seal(secret, context);
    assert.equal(box.open(sealed, context), secret);
    assert.ok(!sealed.includes(secret));
    assert.match(sealed, new RegExp(`^v1\\.${keyA.id}\\.`));
  });

  it("draws a new nonce for every seal", () => {
    assert.notEqual(box.seal(secret, context), box.seal(secret, context));
  });

  it("refuses a tampered nonce or ciphertext", () => {
    const sealed = box.seal(secret, context);
    assert.throws(() => box.open(tampered(sealed, 2), context), SealBroken);
    assert.throws(() => box.open(tampered(sealed, 3), context), SealBroken);
    assert.throws(() => box.open(sealed.slice(0, -4), context), SealBroken);
    assert.throws(() => box.open("plain text", context), SealBroken);
  });

  it("refuses a value moved to another row or organization", () => {
    const sealed = box.seal(secret, context);
    assert.throws(() => box.open(sealed, "upstream_account:org_a:ups_2"), SealBroken);
    assert.throws(() => box.open(sealed, "upstream_account:org_b:ups_1"), SealBroken);
  });

  it("refuses a value sealed by another key, even one that claims its id", () => {
    const sealed = new SecretBox(keyB).seal(secret, context);
    assert.throws(() => box.open(sealed, context), SealBroken);
    const claimed = sealed.replace(`.${keyB.id}.`, `.${keyA.id}.`);
    assert.throws(() => box.open(claimed, context), SealBroken);
  });

  it("opens what the previous key sealed during a rotation, and seals with the new one", () => {
    const sealedBefore = box.seal(secret, context);
    const rotated = new SecretBox(keyB, keyA);
    assert.equal(rotated.open(sealedBefore, context), secret);
    assert.equal(rotated.sealedByPrevious(sealedBefore), true);
    const sealedAfter = rotated.seal(secret, context);
    assert.equal(rotated.sealedByPrevious(sealedAfter), false);
    assert.throws(() => box.open(sealedAfter, context), SealBroken);
  });

  it("digests a secret under its key, so no one without it can test a guess", () => {
    assert.equal(box.digest(secret), box.digest(secret));
    assert.notEqual(box.digest(secret), new SecretBox(keyB).digest(secret));
    assert.ok(!box.digest(secret).includes(secret));
  });
});

describe("the secret key's source", () => {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-secret-"));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it("takes CREDITPOOL_SECRET_KEY, and the previous key beside it", () => {
    const env = {
      CREDITPOOL_SECRET_KEY: Buffer.alloc(32, 2).toString("base64"),
      CREDITPOOL_SECRET_KEY_PREVIOUS: Buffer.alloc(32, 1).toString("base64"),
    };
    const loaded = loadSecretBox("postgres://db.example/creditpool", env);
    assert.equal(loaded.source, "environment");
    const sealed = new SecretBox(keyA).seal(secret, context);
    assert.equal(loaded.box?.open(sealed, context), secret);
    assert.equal(loaded.box?.keyId, keyB.id);
  });

  it("stops on a malformed key, naming the variable", () => {
    for (const value of ["short", Buffer.alloc(31).toString("base64"), "not base64 at all!!"])
      assert.throws(
        () => loadSecretBox(":memory:", { CREDITPOOL_SECRET_KEY: value }),
        /^Error: CREDITPOOL_SECRET_KEY must be the base64 of exactly 32 random bytes/,
      );
    const previous = {
      CREDITPOOL_SECRET_KEY: newSecretKeyText(),
      CREDITPOOL_SECRET_KEY_PREVIOUS: "x",
    };
    assert.throws(() => loadSecretBox(":memory:", previous), /CREDITPOOL_SECRET_KEY_PREVIOUS must/);
    assert.throws(
      () => loadSecretBox(":memory:", { CREDITPOOL_SECRET_KEY_PREVIOUS: newSecretKeyText() }),
      /CREDITPOOL_SECRET_KEY_PREVIOUS is set without CREDITPOOL_SECRET_KEY/,
    );
  });

  it("makes a key file beside an embedded database, mode 0600, and reads it again", () => {
    const database = join(directory, "nested", "creditpool.db");
    const first = loadSecretBox(database, {});
    assert.equal(first.source, "file");
    assert.equal(first.file, secretKeyFileOf(database));
    if (process.platform !== "win32")
      assert.equal(statSync(secretKeyFileOf(database)).mode & 0o777, 0o600);
    const sealed = first.box?.seal(secret, context) ?? "";
    const second = loadSecretBox(database, {});
    assert.equal(second.box?.open(sealed, context), secret, "the same key on the next start");
    assert.equal(readFileSync(secretKeyFileOf(database), "utf8").trim().length, 44);
  });

  it("refuses a key file others may read, or one that is malformed", () => {
    const database = join(directory, "open.db");
    writeFileSync(secretKeyFileOf(database), `${newSecretKeyText()}\n`, { mode: 0o644 });
    if (process.platform !== "win32")
      assert.throws(() => loadSecretBox(database, {}), /may be read by others \(mode 644\)/);
    const broken = join(directory, "broken.db");
    writeFileSync(secretKeyFileOf(broken), "nonsense\n", { mode: 0o600 });
    assert.throws(() => loadSecretBox(broken, {}), /broken\.db\.secret-key must be the base64/);
  });

  it("keeps a key of the process for a database in memory, and none for PostgreSQL", () => {
    assert.equal(loadSecretBox(":memory:", {}).source, "process");
    assert.equal(loadSecretBox("pglite:memory", {}).source, "process");
    const postgres = loadSecretBox("postgres://db.example/creditpool", {});
    assert.deepEqual(postgres, { box: null, source: "none" });
  });
});
