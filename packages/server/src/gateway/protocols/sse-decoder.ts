/**
 * An incremental decoder of server-sent events (the WHATWG `text/event-stream` format), fed the
 * bytes of an upstream response in whatever pieces the network delivers. Lines end at CR LF, LF
 * or CR; a CR at the end of one piece and an LF at the start of the next are one line end. Lines
 * are split on bytes before they are decoded, so a character cut between two pieces is whole.
 *
 * It is bounded: a line, or the data of one event, longer than its maximum throws
 * `SseLimitExceeded` instead of buffering without end, and the decoder refuses every byte after.
 */

/** One dispatched event: its `event:` field when it had one, and its data lines joined by LF. */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
}

/**
 * The longest line accepted, in bytes. The largest line a provider sends is OpenAI's
 * `response.completed`, which repeats the whole response (instructions and output included).
 */
export const sseLineBytesMax = 8 * 1024 * 1024;

/** The most data one event may carry, in bytes: its `data:` lines together, line ends included. */
export const sseEventBytesMax = 8 * 1024 * 1024;

export interface SseDecoderLimits {
  readonly lineBytesMax: number;
  readonly eventBytesMax: number;
}

export class SseLimitExceeded extends Error {
  constructor(
    readonly limit: "line" | "event",
    readonly bytesMax: number,
  ) {
    super(`an upstream server-sent event ${limit} is longer than ${bytesMax} bytes`);
  }
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const byteOrderMark = "\uFEFF";

export class SseDecoder {
  readonly #limits: SseDecoderLimits;
  readonly #text = new TextDecoder("utf-8", { ignoreBOM: true });
  /** The bytes of the line not yet ended, in the pieces they came in. */
  #partial: Uint8Array[] = [];
  #partialBytes = 0;
  #afterCarriageReturn = false;
  #firstLine = true;
  #failed: SseLimitExceeded | null = null;
  #event: string | undefined = undefined;
  #data: string[] = [];
  #dataBytes = 0;
  /** Whether any field of an event not yet dispatched has been read. */
  #pending = false;

  constructor(limits: Partial<SseDecoderLimits> = {}) {
    this.#limits = {
      lineBytesMax: limits.lineBytesMax ?? sseLineBytesMax,
      eventBytesMax: limits.eventBytesMax ?? sseEventBytesMax,
    };
  }

  /** Decodes one piece of the stream; answers the events it completed, in order. */
  push(bytes: Uint8Array): SseEvent[] {
    if (this.#failed !== null) throw this.#failed;
    const events: SseEvent[] = [];
    let start = 0;
    for (let index = 0; index < bytes.length; index += 1) {
      const byte = bytes[index];
      if (this.#afterCarriageReturn) {
        this.#afterCarriageReturn = false;
        if (byte === lineFeed) {
          start = index + 1;
          continue;
        }
      }
      if (byte !== lineFeed && byte !== carriageReturn) continue;
      this.#keep(bytes.subarray(start, index));
      const lineBytes = this.#partialBytes;
      this.#line(this.#takeLine(), lineBytes, events);
      this.#afterCarriageReturn = byte === carriageReturn;
      start = index + 1;
    }
    this.#keep(bytes.subarray(start));
    return events;
  }

  /**
   * Whether the stream, now ended, ended between events. An event whose blank line never came is
   * not dispatched (as the format says); false tells the caller the stream was cut inside one.
   */
  endedCleanly(): boolean {
    return this.#failed === null && this.#partialBytes === 0 && !this.#pending;
  }

  #keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.#partialBytes + bytes.length > this.#limits.lineBytesMax) {
      this.#fail(new SseLimitExceeded("line", this.#limits.lineBytesMax));
    }
    // The piece is copied: the caller may reuse its buffer once push returns.
    this.#partial.push(bytes.slice());
    this.#partialBytes += bytes.length;
  }

  #takeLine(): string {
    const joined =
      this.#partial.length === 1 ? (this.#partial[0] as Uint8Array) : concat(this.#partial);
    this.#partial = [];
    this.#partialBytes = 0;
    let line = this.#text.decode(joined);
    if (this.#firstLine) {
      this.#firstLine = false;
      if (line.startsWith(byteOrderMark)) line = line.slice(1);
    }
    return line;
  }

  #line(line: string, lineBytes: number, events: SseEvent[]): void {
    if (line === "") {
      this.#dispatch(events);
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    this.#pending = true;
    if (field === "event") this.#event = value;
    else if (field === "data") {
      // Counted with the field's name: a bound, not a measure.
      this.#dataBytes += lineBytes + 1;
      if (this.#dataBytes > this.#limits.eventBytesMax) {
        this.#fail(new SseLimitExceeded("event", this.#limits.eventBytesMax));
      }
      this.#data.push(value);
    }
    // `id`, `retry` and unknown fields carry nothing the gateway reads.
  }

  #dispatch(events: SseEvent[]): void {
    if (this.#data.length > 0) {
      const data = this.#data.join("\n");
      events.push(this.#event === undefined ? { data } : { event: this.#event, data });
    }
    this.#event = undefined;
    this.#data = [];
    this.#dataBytes = 0;
    this.#pending = false;
  }

  #fail(error: SseLimitExceeded): never {
    this.#failed = error;
    this.#partial = [];
    this.#data = [];
    throw error;
  }
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}
