/**
 * Request fields for the HTTP fuzz suite. Each field has plain values (valid, including values at
 * the edge of valid: the maximum amount, NUL inside a name, a date in year 9999) and hostile ones
 * (wrong, or of the wrong type). An object is then mostly all plain, or plain but for one field,
 * so most requests get past validation and reach the engine and the store, and some are hostile
 * everywhere at once.
 */
import { limits } from "@creditpool/core";
import fc from "fast-check";
import {
  At,
  hostileShortText,
  hostileText,
  RawJson,
  RawUrl,
  Ref,
  type RefKind,
} from "./fuzz-values.ts";

export interface Field {
  readonly plain: fc.Arbitrary<unknown>;
  readonly hostile: fc.Arbitrary<unknown>;
  /** Whether a valid request may leave the field out. */
  readonly optional: boolean;
}

/** A value of the wrong type for nearly any field, or for the body itself. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, "", [], {}, [[]], { $gt: 0 }, ["1"]),
  fc.constant(new RawJson("1e400")),
  fc.constantFrom(1_000, 100_001).map((length) => Array.from({ length }, () => 0)),
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
);

export function field(plain: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>): Field {
  const anyHostile = fc.oneof(
    { weight: 4, arbitrary: hostile },
    { weight: 1, arbitrary: wrongType },
  );
  return { plain, hostile: anyHostile, optional: false };
}

export const optional = (of: Field): Field => ({ ...of, optional: true });

export const nullable = (of: Field): Field => ({
  ...of,
  plain: fc.oneof({ weight: 4, arbitrary: of.plain }, { weight: 1, arbitrary: fc.constant(null) }),
});

export function enumOf(values: readonly string[], wrong: readonly unknown[]): Field {
  return field(fc.constantFrom(...values), fc.constantFrom(...wrong));
}

const unknownField = fc
  .tuple(
    fc.constantFrom("color", "__proto__", "constructor", "Amount", "organization", "\u0000"),
    wrongType,
  )
  .map(([name, value]) => Object.fromEntries([[name, value]]));

/** An object of fields: all plain, or plain but for one field, or hostile all over. */
export function objectOf(fields: Record<string, Field>): Field {
  const entries = Object.entries(fields);
  const required = entries.filter(([, of]) => !of.optional).map(([name]) => name);
  const plains = Object.fromEntries(entries.map(([name, of]) => [name, of.plain]));
  const plain = fc.record(plains, { requiredKeys: required });
  // Weights per field, so a wide object is not mostly one kind of fault.
  const variants: fc.WeightedArbitrary<unknown>[] = [
    {
      weight: Math.max(1, entries.length),
      arbitrary: fc
        .tuple(plain, unknownField)
        .map(([object, extra]) => ({ ...(object as object), ...extra })),
    },
  ];
  for (const [name, of] of entries) {
    const oneHostile = fc.record(
      { ...plains, [name]: of.hostile },
      { requiredKeys: [...required, name] },
    );
    variants.push({ weight: 6, arbitrary: oneHostile });
  }
  if (entries.length > 0) {
    const anyHostile = fc.record(
      Object.fromEntries(entries.map(([name, of]) => [name, fc.oneof(of.plain, of.hostile)])),
      { requiredKeys: [] },
    );
    variants.push({ weight: 2 * entries.length, arbitrary: anyHostile });
  }
  for (const dropped of required) {
    const rest = Object.fromEntries(
      entries.filter(([name]) => name !== dropped).map(([name, of]) => [name, of.plain]),
    );
    const kept = required.filter((name) => name !== dropped);
    variants.push({ weight: 1, arbitrary: fc.record(rest, { requiredKeys: kept }) });
  }
  return { plain, hostile: fc.oneof(...variants), optional: false };
}

/**
 * An object sized by exactly one of `sizes` (a hold by amount, usage or quote): plain objects
 * give one, hostile ones may give several or none.
 */
export function sizedBy(fields: Record<string, Field>, sizes: readonly string[]): Field {
  const withOnly = (size: string) =>
    objectOf(
      Object.fromEntries(
        Object.entries(fields)
          .filter(([name]) => name === size || !sizes.includes(name))
          .map(([name, of]) => [name, name === size ? { ...of, optional: false } : of]),
      ),
    );
  const each = sizes.map(withOnly);
  const loose = objectOf(
    Object.fromEntries(
      Object.entries(fields).map(([name, of]) => [name, sizes.includes(name) ? optional(of) : of]),
    ),
  );
  return {
    plain: fc.oneof(...each.map((of) => of.plain)),
    hostile: fc.oneof(
      { weight: 4, arbitrary: fc.oneof(...each.map((of) => of.hostile)) },
      { weight: 1, arbitrary: loose.plain },
    ),
    optional: false,
  };
}

/** The largest amount, in credits. */
export const maxCredits = `${limits.amountMicrosMax / 1_000_000n}`;

/** The largest price per unit a rate card takes: just below 10^13 credits. */
export const largestPrice = "9999999999999.999999999999999999";

/** Micro-credits anywhere around ±2^65, written with 6 or 7 fractional digits. */
const wideCredits = fc
  .tuple(fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }), fc.constantFrom(6, 7))
  .map(([micros, digits]) => {
    const sign = micros < 0n ? "-" : "";
    const text = (micros < 0n ? -micros : micros).toString().padStart(digits + 1, "0");
    return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
  });

export const badCredits: readonly unknown[] = [
  `${maxCredits}.000001`,
  "1000000000001",
  "9223372036854.775807",
  "9223372036854.775808",
  "18446744073709.551616",
  "99999999999999999999",
  "-1",
  "-0.000001",
  `-${maxCredits}`,
  "0.0000001",
  "1.1234567",
  "1e3",
  "1E3",
  "1e-3",
  " 1",
  "1 ",
  "+1",
  ".5",
  "5.",
  "1_000",
  "1,5",
  "NaN",
  "Infinity",
  "0x10",
  "１",
  "1\u0000",
  "",
  1e21,
  1e-7,
  1234567890123456,
  1000000000000.5,
  -1,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  new RawJson("1e400"),
  new RawJson("-0"),
  new RawJson("1.0000000"),
  new RawJson("100000000000000000000000"),
  new RawJson("1E2"),
];

/** A few of `badCredits`, the ones the fixed edges send to every field of credits. */
export const badAmounts: readonly unknown[] = [
  `${maxCredits}.000001`,
  "1000000000001",
  "9223372036854.775808",
  "1.1234567",
  "-1",
  `-${maxCredits}`,
  "1e3",
  1e21,
  1234567890123456,
  new RawJson("1e400"),
  new RawJson("100000000000000000000000"),
];

/** Credits: plain and at the bounds (the maximum, zero, one micro-credit), or refused. */
export const credits: Field = field(
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom("1", "0.5", "2", "10", 3, 0.25, "25") },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        maxCredits,
        Number(maxCredits),
        "999999999999.999999",
        "0",
        0,
        "0.000001",
        123456789.123456,
      ),
    },
  ),
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...badCredits) },
    { weight: 1, arbitrary: wideCredits },
    { weight: 1, arbitrary: hostileShortText },
  ),
);

/** Integers at and past 2^31, 2^53 and 2^63, fractions, and strings where an integer belongs. */
export const badIntegers: readonly unknown[] = [
  -1,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  2 ** 64,
  1e21,
  1e300,
  -(2 ** 53),
  1.5,
  0.1,
  "5",
  "1e3",
  new RawJson("1e400"),
  new RawJson("9223372036854775807"),
  new RawJson("9223372036854775808"),
  new RawJson("1.0"),
  new RawJson("1E2"),
];

export function integer(plain: readonly number[], wrong: readonly unknown[] = []): Field {
  return field(fc.constantFrom(...plain), fc.constantFrom(...wrong, ...badIntegers));
}

const second = 1000;
const hour = 3600 * second;
const day = 24 * hour;

/** Times: recent ones, the ends of the calendar (years 0001 and 9999), and what is not a time. */
export const time: Field = field(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(0, -hour, -second, second, 240 * second, hour, day, 30 * day, 366 * day)
        .map((offset) => new At(offset)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "1999-12-31T23:59:59.999Z",
        "2200-01-01T00:00:00Z",
        "2026-11-02T09:00:00+14:00",
        "2026-11-02T09:00:00",
        new At(-35 * day - second),
        new At(-3650 * day),
        new At(300 * second + 1),
      ),
    },
  ),
  fc.oneof(
    fc.constantFrom<unknown>(
      "+275760-09-13T00:00:00Z",
      "-271821-04-20T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-11-02T24:00:00Z",
      "2026-11-02T09:00:00.123456789Z",
      "2026-11-02",
      "2026-11-02T09:00:00Z\u0000",
      "now",
      1_793_610_000_000,
    ),
    hostileShortText,
  ),
);

/** Text: a plain name, or one with any character at all; hostile past its maximum length. */
export function text(plain: fc.Arbitrary<string> = plainName): Field {
  return field(
    fc.oneof({ weight: 3, arbitrary: plain }, { weight: 1, arbitrary: hostileShortText }),
    hostileText,
  );
}

export const plainName = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 16 });

const missingIds = {
  pool: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  grant: "grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  hold: "hold_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  member: "mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  key: "key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  quote: "quote_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  subscription: "sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  invoice: "inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  recurringGrant: "rgr_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  decision: "dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  approval: "dec_01JD2Z8Y3K4M5N6P7Q8R9S0T1W",
  event: "evt_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  webhookEndpoint: "we_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  delivery: "wdel_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  alertRule: "arule_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  alert: "alert_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  upstream: "ups_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  routingPolicy: "rpol_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  gatewayCall: "call_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
} as const;

type OwnKind = keyof typeof missingIds;

/**
 * An id of `kind`: plain ones are the organization's own (mostly), another organization's, or
 * well formed but unknown; hostile ones are of another kind, too long, or carry NUL.
 */
export function id(kind: OwnKind): Field {
  const prefix = missingIds[kind].split("_")[0] ?? "";
  const stranger = `stranger${kind[0]?.toUpperCase()}${kind.slice(1)}` as RefKind;
  return field(
    fc.oneof(
      { weight: 10, arbitrary: fc.nat(8).map((back) => new Ref(kind, back)) },
      { weight: 2, arbitrary: fc.nat(2).map((back) => new Ref(stranger, back)) },
      { weight: 1, arbitrary: fc.constant(missingIds[kind]) },
    ),
    fc.oneof(
      fc.constantFrom(
        kind === "pool" ? missingIds.grant : missingIds.pool,
        `${prefix}_${"0".repeat(limits.idLengthMax)}`,
        `${prefix}_01JD2Z8Y3K4M5N6P7Q8R9S0T1V\u0000`,
        `${prefix}_\ud800`,
        `${prefix.toUpperCase()}_01JD2Z8Y3K4M5N6P7Q8R9S0T1V`,
      ),
      hostileText,
    ),
  );
}

/** An id in a URL: as `id`, or bytes no decoder expects. */
export function urlId(kind: OwnKind): Field {
  const of = id(kind);
  const raw = fc
    .constantFrom("%", "%zz", "%00", "%ED%A0%80", "%C0%80", "%FF", "..", "a/b", "a?b=c", "%2F")
    .map((text) => new RawUrl(text));
  return { ...of, hostile: fc.oneof({ weight: 3, arbitrary: of.hostile }, raw) };
}

/** A field's value: mostly plain. */
export function value(of: Field): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: of.plain }, { weight: 1, arbitrary: of.hostile });
}
