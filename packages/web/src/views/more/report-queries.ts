/**
 * The report forms' values turned into the reports API's query parameters, or into the problem
 * that keeps them from being asked (shown next to the form, before any request).
 */
import { apiSpan, type DayRange, type PeriodPreset, rangeProblem } from "./query.ts";

export interface PeriodValue extends DayRange {
  readonly preset: PeriodPreset;
}

export type Asked = { readonly params: Record<string, string> } | { readonly problem: string };

export interface UsageForm {
  readonly period: PeriodValue;
  readonly interval: string;
  readonly groupBy: string;
  readonly tag: string;
  readonly pool: string;
  readonly limit: string;
}

export function usageQuery(form: UsageForm): Asked {
  const range = rangeProblem(form.period);
  if (range !== null) return { problem: range };
  if (form.groupBy === "tag" && form.tag.trim() === "")
    return { problem: "Tag key is required to group by tag." };
  const limit = Number(form.limit);
  if (form.limit.trim() === "" || !Number.isInteger(limit) || limit < 1 || limit > 100)
    return { problem: "Groups shown must be a whole number from 1 to 100." };
  return {
    params: {
      ...apiSpan(form.period),
      interval: form.interval,
      group_by: form.groupBy,
      ...(form.groupBy === "tag" ? { tag: form.tag.trim() } : {}),
      ...(form.pool === "" ? {} : { pool: form.pool }),
      limit: String(limit),
    },
  };
}

const decimalInput = /^\d+(\.\d+)?$/;
const wholeInput = /^\d+$/;

/** Optional figures of a form: each blank one left for the API's default, the others checked. */
function optionalFigures(
  values: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
  whole: readonly string[],
): Asked {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (value === "") continue;
    const isWhole = whole.includes(name);
    if (!(isWhole ? wholeInput : decimalInput).test(value))
      return {
        problem: `${labels[name] ?? name} must be ${isWhole ? "a whole number" : "a number such as 12.5"}.`,
      };
    params[name] = value;
  }
  return { params };
}

export const buyersMathFields = [
  { name: "seat_price", label: "Seat price (money per period)" },
  { name: "seat_credits", label: "Credits per seat" },
  { name: "overage_price", label: "Overage price (money per credit)" },
  { name: "credit_price", label: "Credit price (money per credit)" },
  { name: "hybrid_seat_price", label: "Hybrid seat price (money per period)" },
  { name: "hybrid_seat_credits", label: "Hybrid credits per seat (pooled)" },
  { name: "members", label: "Members" },
] as const;

export type BuyersMathInputs = Readonly<Record<(typeof buyersMathFields)[number]["name"], string>>;

export function buyersMathQuery(period: DayRange, pool: string, inputs: BuyersMathInputs): Asked {
  const range = rangeProblem(period);
  if (range !== null) return { problem: range };
  const labels = Object.fromEntries(buyersMathFields.map((field) => [field.name, field.label]));
  const figures = optionalFigures(inputs, labels, ["members"]);
  if ("problem" in figures) return figures;
  return {
    params: { ...apiSpan(period), ...(pool === "" ? {} : { pool }), ...figures.params },
  };
}

/** The form's inputs from the answer's echo, so the next question starts from what was used. */
export function buyersMathInputsOf(
  echoed: Readonly<Record<string, string | number | null>>,
): BuyersMathInputs {
  const inputs: Record<string, string> = {};
  for (const field of buyersMathFields) {
    const value = echoed[field.name];
    inputs[field.name] = value === null || value === undefined ? "" : String(value);
  }
  return inputs as BuyersMathInputs;
}

export function poolingQuery(
  period: DayRange,
  pool: string,
  capacity: string,
  members: string,
): Asked {
  const range = rangeProblem(period);
  if (range !== null) return { problem: range };
  const figures = optionalFigures(
    { capacity, members },
    { capacity: "Capacity", members: "Members" },
    ["members"],
  );
  if ("problem" in figures) return figures;
  return {
    params: { ...apiSpan(period), ...(pool === "" ? {} : { pool }), ...figures.params },
  };
}
