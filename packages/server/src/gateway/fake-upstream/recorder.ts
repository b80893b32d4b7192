/**
 * The requests the fake upstream received, newest last, for tests to assert which credential and
 * which model each call used. Only the last `fakeRequestsRecordedMax` are kept.
 */

/** Requests kept; older ones are forgotten first. */
export const fakeRequestsRecordedMax = 1000;
/** A body up to this size is kept with its request (a larger one is counted, not kept). */
export const fakeRecordedBodyBytesMax = 65_536;

export interface FakeCredential {
  /** `bearer` for `Authorization: Bearer …`, `x-api-key` for Anthropic's header. */
  readonly scheme: "bearer" | "x-api-key";
  readonly key: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly model: string | null;
  readonly stream: boolean;
  readonly credential: FakeCredential | null;
  readonly anthropic_version: string | null;
  readonly body_bytes: number;
  /** The body as sent, parsed; null when it was not JSON or passed `fakeRecordedBodyBytesMax`. */
  readonly body: unknown;
  readonly received_at: string;
}

export class RequestLog {
  #requests: RecordedRequest[] = [];

  record(request: RecordedRequest): void {
    this.#requests.push(request);
    if (this.#requests.length > fakeRequestsRecordedMax) this.#requests.shift();
  }

  all(): readonly RecordedRequest[] {
    return [...this.#requests];
  }

  clear(): void {
    this.#requests = [];
  }
}

/** The credential of a request: Anthropic's `x-api-key` first, then a bearer token. */
export function credentialOf(headers: Headers): FakeCredential | null {
  const apiKey = headers.get("x-api-key");
  if (apiKey !== null && apiKey !== "") return { scheme: "x-api-key", key: apiKey };
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] === undefined ? null : { scheme: "bearer", key: match[1] };
}
