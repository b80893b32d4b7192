/**
 * What a fuzz request is (an operation, a key by name, an id, a query, a body, headers, and how
 * far the clock moves first) and how a generator for one is put together from fields.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import { type Field, field, integer, objectOf, optional, value, wrongType } from "./fuzz-fields.ts";
import {
  contentType,
  hostileShortText,
  hostileText,
  idempotencyKey,
  malformedJson,
  RawUrl,
} from "./fuzz-values.ts";

/** The keys a request may be sent with; `fuzz-world.ts` makes one of each. */
export const keyNames = [
  "owner",
  "admin",
  "billing",
  "member",
  "agent",
  "viewer",
  "admin@team",
  "agent@team",
  "billing@team",
  "member@leaf",
  "viewer@leaf",
  "agent@ann",
  "stranger",
  "operator",
  "none",
  "unknown",
  "malformed",
] as const;
export type KeyName = (typeof keyNames)[number];

export type Body = { readonly json: unknown } | { readonly raw: string };

export interface FuzzRequest {
  readonly operation: string;
  readonly key: KeyName;
  /** The `{id}` of the path. */
  readonly id?: unknown;
  /** The `{member}` of the path, for the routes that have one. */
  readonly member?: unknown;
  readonly query?: readonly (readonly [string, unknown])[];
  readonly body?: Body;
  /** Overrides `application/json`; null sends what fetch labels a string body with. */
  readonly contentType?: string | null;
  readonly idempotencyKey?: string;
  /** How far the test clock moves before the request (what falls due is applied first). */
  readonly advanceMs: number;
}

export const orgKeys = fc.oneof(
  { weight: 8, arbitrary: fc.constant<KeyName>("owner") },
  { weight: 3, arbitrary: fc.constantFrom<KeyName>("admin@team", "agent@team", "member@leaf") },
  { weight: 2, arbitrary: fc.constantFrom<KeyName>(...keyNames) },
);
export const operatorKeys = fc.oneof(
  { weight: 4, arbitrary: fc.constant<KeyName>("operator") },
  { weight: 1, arbitrary: orgKeys },
);

const advanceMs = fc.oneof(
  { weight: 30, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 61_000, 601_000, 900_001, 3_600_000) },
);

/** A body: mostly the object, plain or not; else a wrong type for the whole body, or not JSON. */
export function bodyOf(object: Field): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 8, arbitrary: object.plain.map((json) => ({ json })) },
    { weight: 6, arbitrary: object.hostile.map((json) => ({ json })) },
    { weight: 1, arbitrary: wrongType.map((json) => ({ json })) },
    { weight: 1, arbitrary: malformedJson.map((raw) => ({ raw })) },
  );
}

/** A query: its parameters as an object of fields, now and then with one more (again, or unknown). */
export function queryOf(fields: Record<string, Field>) {
  const object = objectOf(
    Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, optional(f)])),
  );
  const extra = fc.tuple(
    fc.constantFrom("limit", "starting_after", "pool", "unknown", "\u0000"),
    fc.oneof(hostileShortText, fc.constantFrom(new RawUrl("%"), new RawUrl("%00"))),
  );
  return fc
    .tuple(value(object), fc.option(extra, { freq: 6 }))
    .map(([params, more]) => [
      ...Object.entries(params as object),
      ...(more === null ? [] : [more]),
    ]);
}

export interface Parts {
  readonly id?: Field;
  readonly member?: Field;
  readonly query?: fc.Arbitrary<readonly (readonly [string, unknown])[]>;
  readonly body?: fc.Arbitrary<Body | undefined>;
  readonly keys?: fc.Arbitrary<KeyName>;
}

export function request(operation: string, parts: Parts): fc.Arbitrary<FuzzRequest> {
  const writes = !operation.startsWith("GET ");
  const hasBody = parts.body !== undefined;
  return fc
    .record({
      key: parts.keys ?? orgKeys,
      id:
        parts.id === undefined
          ? fc.constant(undefined)
          : fc.oneof({ weight: 5, arbitrary: parts.id.plain }, parts.id.hostile),
      member:
        parts.member === undefined
          ? fc.constant(undefined)
          : fc.oneof({ weight: 5, arbitrary: parts.member.plain }, parts.member.hostile),
      query: parts.query ?? fc.constant(undefined),
      body: parts.body ?? fc.constant(undefined),
      contentType: hasBody ? contentType : fc.constant(undefined),
      idempotencyKey: writes ? idempotencyKey : fc.constant(undefined),
      advanceMs,
    })
    .map((parts) => {
      const sent: Record<string, unknown> = { operation };
      for (const [name, part] of Object.entries(parts)) if (part !== undefined) sent[name] = part;
      return sent as unknown as FuzzRequest;
    });
}

/** The fields of a page's query, for lists that take more. */
export const pageFields = {
  limit: integer(
    [1, 5, limits.pageSizeMax],
    [0, limits.pageSizeMax + 1, "ten", "0x10", "9".repeat(400)],
  ),
  starting_after: field(
    fc.constantFrom("pool_", "grant_0", "mem_Z", "key_", "0"),
    fc.oneof(hostileText, fc.constantFrom(new RawUrl("%00"), new RawUrl("%ED%A0%80"))),
  ),
};

export const page = queryOf(pageFields);

/** One request as it is, sent with the owner's key unless another is named (for fixed edges). */
export function send(
  operation: string,
  parts: { id?: unknown; body?: unknown; query?: [string, unknown][]; key?: KeyName } = {},
): FuzzRequest {
  return {
    operation,
    key: parts.key ?? "owner",
    advanceMs: 0,
    ...(parts.id === undefined ? {} : { id: parts.id }),
    ...(parts.query === undefined ? {} : { query: parts.query }),
    ...(parts.body === undefined ? {} : { body: { json: parts.body } }),
  };
}

export const times = <T>(count: number, make: (index: number) => T): T[] =>
  Array.from({ length: count }, (_, index) => make(index));
