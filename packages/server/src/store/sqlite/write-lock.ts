/** One write lock per SQLite file, shared by the stores of every thread that opens it. */
import { resolve } from "node:path";
import { SharedMutex } from "../mutex.ts";

/**
 * The write lock of each file, shared by every store on it in this thread and, once handed over
 * (`sqliteWriteLock`, `adoptSqliteWriteLock`), by the stores of another thread: batches and
 * directory writes then take turns without ever meeting SQLite's busy wait, which sleeps its
 * thread. `BEGIN IMMEDIATE` still keeps other processes out.
 */
const writeLocks = new Map<string, SharedMutex>();

function lockKey(file: string): string {
  return file === ":memory:" ? `${file}:${writeLocks.size}` : resolve(file);
}

export function writeLockFor(file: string): SharedMutex {
  const key = lockKey(file);
  let lock = writeLocks.get(key);
  if (lock === undefined) {
    lock = new SharedMutex();
    writeLocks.set(key, lock);
  }
  return lock;
}

/** The buffer of a file's write lock, for a thread that will open the same file. */
export function sqliteWriteLock(file: string): SharedArrayBuffer {
  return writeLockFor(file).buffer;
}

/** Takes the write lock another thread shares for `file`; before any store here opens it. */
export function adoptSqliteWriteLock(file: string, buffer: SharedArrayBuffer): void {
  writeLocks.set(lockKey(file), new SharedMutex(buffer));
}
