/**
 * Hostile text for the HTTP fuzz suite (NUL, other control characters, lone surrogates, lengths
 * past every documented maximum), odd idempotency keys, content types and bodies that are not
 * JSON. Values that can only be known when a request is sent (ids the fixture or earlier requests
 * made, times relative to the test clock, JSON that `JSON.stringify` cannot write) are markers the
 * sender resolves.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";

/** Kinds of object a request may name; `stranger*` belong to another organization. */
export const refKinds = [
  "pool",
  "grant",
  "hold",
  "member",
  "key",
  "quote",
  "subscription",
  "invoice",
  "recurringGrant",
  "decision",
  "approval",
  "event",
  "webhookEndpoint",
  "delivery",
  "alertRule",
  "alert",
  "upstream",
  "routingPolicy",
  "gatewayCall",
  "sparePool",
  "strangerPool",
  "strangerGrant",
  "strangerHold",
  "strangerMember",
  "strangerKey",
  "strangerQuote",
  "strangerSubscription",
  "strangerInvoice",
  "strangerRecurringGrant",
  "strangerDecision",
  "strangerApproval",
  "strangerEvent",
  "strangerWebhookEndpoint",
  "strangerDelivery",
  "strangerAlertRule",
  "strangerAlert",
  "strangerUpstream",
  "strangerRoutingPolicy",
  "strangerGatewayCall",
] as const;
export type RefKind = (typeof refKinds)[number];

/** An object of the fuzz world, counted back from the newest one it has of its kind. */
export class Ref {
  constructor(
    readonly kind: RefKind,
    readonly back: number,
  ) {}
  [fc.toStringMethod](): string {
    return `ref(${this.kind}, ${this.back})`;
  }
}

/** Text written into the JSON body as it is: `1e400`, `-0`, a 20-digit integer. */
export class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${this.text})`;
  }
}

/** Text written into a path or a query as it is, without percent-encoding: `%`, `%ED%A0%80`. */
export class RawUrl {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `url(${this.text})`;
  }
}

/** The test clock's now plus `offsetMs`, as an ISO 8601 time. */
export class At {
  constructor(readonly offsetMs: number) {}
  [fc.toStringMethod](): string {
    return `now${this.offsetMs < 0 ? "" : "+"}${this.offsetMs}ms`;
  }
}

/** Characters no name, id or key should carry into a store unexamined. */
export const controlCharacters = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\t",
  "\n",
  "\r",
  "\u2028",
  "\ufeff",
  "\u200b",
  "\uffff",
];
export const loneSurrogates = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83dx"];
const specialCharacters = [...controlCharacters, ...loneSurrogates];

/** Lengths just past each documented maximum, and one far past all of them. */
const pastLengths = [
  limits.idLengthMax + 1,
  101,
  limits.nameLengthMax + 1,
  limits.usageEventIdLengthMax + 1,
  70_000,
];

const character = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(...specialCharacters) },
);

/** Text that stays inside every schema's length, but carries any character at all. */
export const hostileShortText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...specialCharacters),
  fc
    .tuple(
      fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
      fc.constantFrom(...specialCharacters),
      fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
    )
    .map((parts) => parts.join("")),
  fc.string({ unit: character, minLength: 1, maxLength: 24 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "'; DROP TABLE transfers; --",
    "%00",
    "\\",
    '"',
    " ",
    "İ",
    "ß",
    "😀",
  ),
);

/** Text at exactly a documented maximum, or past it, of any character. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(limits.idLengthMax, limits.nameLengthMax, 255, ...pastLengths),
    fc.constantFrom("x", "\u0000", "é", "\ud800", "😀"),
  )
  .map(([length, unit]) => unit.repeat(unit.length === 2 ? Math.ceil(length / 2) : length));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileShortText },
  { weight: 1, arbitrary: longText },
);

/**
 * Idempotency keys: none, one of a few shared ones (so replays and reuse happen), or keys with
 * the characters a header can carry (control characters and Latin-1; a header cannot carry NUL,
 * CR, LF or anything past U+00FF) and keys past the maximum length.
 */
export const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 10, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom("retry-1", "retry-2", "retry-3") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "\u0001",
      "k\u0008ey",
      "k\u001bey",
      "k\u007fey",
      "\u00ff\u0080",
      "clé",
      "request:retry-1",
      "event:evt-1",
      "outcome:doc-1",
      "",
      "x".repeat(limits.idempotencyKeyLengthMax),
      "x".repeat(limits.idempotencyKeyLengthMax + 1),
      "x".repeat(10_000),
    ),
  },
);

/** How a body is labelled: JSON mostly, else a type no JSON route takes, or none. */
export const contentType: fc.Arbitrary<string | null | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "APPLICATION/JSON",
      "application/jsonx",
      "application/vnd.api+json",
      "",
    ),
  },
);

/** Bodies that are not JSON, or JSON no parser agrees on. */
export const malformedJson = fc.constantFrom(
  '{"name": ',
  "{",
  "",
  " ",
  "nul\u0000",
  '{"a":1}{"b":2}',
  "\ufeff{}",
  '{"name":"\\ud800"}',
  '{"name":"\\u0000"}',
  '{"name":"\u0000"}',
  "[".repeat(10_000),
  '{"pool": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '{"__proto__":{"x":1}}',
  "{'name': 'single quotes'}",
  '{"name": NaN}',
);

export const time0001 = "0001-01-01T00:00:00Z";
export const time9999 = "9999-12-31T23:59:59.999Z";
