/**
 * Structured logs on stdout, one JSON line each. At full load a line per request written with
 * its own system call costs the request path several percent, so lines are gathered in memory
 * and written without blocking: when `bufferBytes` have gathered, at least every `flushMs`, at
 * once after an error or worse, and synchronously when the server starts answering (so the start
 * lines come before anything the command prints after them) and when the process exits (pino
 * does that for every destination it makes). If stdout stops taking lines, at most
 * `pendingBytesMax` wait; lines past that are dropped rather than held without bound.
 */
import pino, { type Logger } from "pino";

/** Lines are written once this many bytes have gathered... */
const bufferBytes = 8_192;
/** ...and at the latest this long after they were made. */
const flushMs = 1_000;
/** What may wait for a stdout that does not take it. */
const pendingBytesMax = 16 * 1024 * 1024;
/** pino's level number for `error`. */
const errorLevel = 50;

type Destination = ReturnType<typeof pino.destination>;

const destinations = new WeakMap<Logger, Destination>();

export function createLogger(): Logger {
  const destination = pino.destination({
    dest: 1,
    sync: false,
    minLength: bufferBytes,
    maxLength: pendingBytesMax,
    periodicFlush: flushMs,
  });
  const logger = pino(
    {
      base: { service: "creditpool" },
      redact: {
        paths: ["secret", "*.secret", "authorization", "*.authorization", "key_secret"],
        censor: "[redacted]",
      },
      hooks: {
        logMethod(args, method, level) {
          method.apply(this, args);
          if (level >= errorLevel) destination.flush();
        },
      },
    },
    destination,
  );
  destinations.set(logger, destination);
  return logger;
}

/** Writes every gathered line of a logger made by `createLogger` now; others need nothing. */
export function flushLog(logger: Logger): void {
  const destination = destinations.get(logger);
  if (destination === undefined) return;
  try {
    destination.flushSync();
  } catch {
    // Not open yet, or already ended: what it holds is written when it opens, or was written.
  }
}
