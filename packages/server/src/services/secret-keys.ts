/**
 * Where the key that seals upstream credentials comes from, decided once at start:
 *
 * 1. `CREDITPOOL_SECRET_KEY`, the base64 of 32 bytes, when set; `CREDITPOOL_SECRET_KEY_PREVIOUS`
 *    beside it opens what the key before it sealed, during a rotation. A malformed value stops
 *    the start with an error naming the variable.
 * 2. Otherwise, for an embedded SQLite file, a key file beside it (`<database>.secret-key`), made
 *    on first use with mode 0600 and read on every later start: a clean clone works as it is, and
 *    the key travels with the database it opens. A key file others may read stops the start.
 * 3. Otherwise, for a database in memory, a key of this process: nothing it sealed outlives it.
 * 4. A PostgreSQL server gets none: its nodes must share one key, which only the environment can
 *    give them all. The server starts, and upstream accounts answer `secret_key_missing`.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { newSecretKeyText, SecretBox, secretKeyOf } from "./secret-box.ts";

export const secretKeyVariable = "CREDITPOOL_SECRET_KEY";
export const previousSecretKeyVariable = "CREDITPOOL_SECRET_KEY_PREVIOUS";

export type SecretKeySource = "environment" | "file" | "process" | "none";

export interface LoadedSecretBox {
  readonly box: SecretBox | null;
  readonly source: SecretKeySource;
  /** The key file, when the key is kept in one. */
  readonly file?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

function isPostgres(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** The key file of an embedded SQLite database. */
export function secretKeyFileOf(database: string): string {
  return `${database}.secret-key`;
}

export function loadSecretBox(database: string, env: Environment = process.env): LoadedSecretBox {
  const given = env[secretKeyVariable] ?? "";
  const previousText = env[previousSecretKeyVariable] ?? "";
  if (given !== "") {
    const previous =
      previousText === "" ? null : secretKeyOf(previousText, previousSecretKeyVariable);
    return {
      box: new SecretBox(secretKeyOf(given, secretKeyVariable), previous),
      source: "environment",
    };
  }
  if (previousText !== "")
    throw new Error(`${previousSecretKeyVariable} is set without ${secretKeyVariable}`);
  if (isPostgres(database)) return { box: null, source: "none" };
  if (database === ":memory:" || database === "pglite:memory")
    return { box: new SecretBox(secretKeyOf(newSecretKeyText(), "a new key")), source: "process" };
  const file = secretKeyFileOf(database);
  return { box: new SecretBox(secretKeyOf(readOrMakeKeyFile(file), file)), source: "file", file };
}

/** The key file's text, made first (exclusively, mode 0600) when there is none. */
function readOrMakeKeyFile(file: string): string {
  let descriptor: number;
  mkdirSync(dirname(file), { recursive: true });
  try {
    descriptor = openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readKeyFile(file);
  }
  try {
    writeSync(descriptor, `${newSecretKeyText()}\n`);
  } finally {
    closeSync(descriptor);
  }
  return readKeyFile(file);
}

function readKeyFile(file: string): string {
  const descriptor = openSync(file, "r");
  try {
    const mode = fstatSync(descriptor).mode & 0o777;
    if (process.platform !== "win32" && (mode & 0o077) !== 0)
      throw new Error(
        `${file} may be read by others (mode ${mode.toString(8)}): ` +
          `chmod 600 it, or set ${secretKeyVariable}`,
      );
    return readFileSync(descriptor, "utf8");
  } finally {
    closeSync(descriptor);
  }
}
