/**
 * What the usage reports share in their views: consumption as credits, money and uncovered
 * credits, a share as a percent, and CSV with RFC 4180 quoting (names may hold commas, quotes or
 * line breaks) whose text cells never start a formula.
 */
import {
  type Consumption,
  exactDecimal,
  formatDecimal,
  type GroupFigure,
  percentText,
} from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Credits } from "../schemas.ts";

export const Figures = z.object({
  credits: Credits.openapi({ description: "All consumption: consumed, overage and debt." }),
  money: z.string().openapi({
    example: "12.345",
    description: "The part grants covered, at each grant's cost basis, in currency units, exact.",
  }),
  uncovered: Credits.openapi({ description: "The part no grant covered (overage, debt)." }),
});

/** 10^-12 currency units as an exact decimal of the currency's units. */
export function moneyOf(picos: bigint): string {
  const magnitude = exactDecimal(picos < 0n ? -picos : picos, 10n ** 12n) ?? "";
  return picos < 0n ? `-${magnitude}` : magnitude;
}

export function consumptionView(consumption: Consumption) {
  return {
    credits: formatDecimal(consumption.credits),
    money: moneyOf(consumption.money),
    uncovered: formatDecimal(consumption.uncovered),
  };
}

export function percentOf(figure: GroupFigure, total: bigint): string {
  return percentText(figure.consumption.credits, total);
}

/** One CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A text cell a spreadsheet would not run as a formula: one starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading `'` (OWASP's rule against CSV injection). Only for
 * text: a number column keeps its sign.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV of a header and rows; the cells of the columns named in `textColumns` pass `csvText`. */
export function csvOf(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns: readonly string[],
): string {
  const text = header.map((name) => textColumns.includes(name));
  const lines = rows.map((cells) => cells.map((cell, i) => (text[i] ? csvText(cell) : cell)));
  return `${[header, ...lines].map((cells) => cells.map(csvField).join(",")).join("\r\n")}\r\n`;
}
