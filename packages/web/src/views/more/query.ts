/**
 * The span a report covers and the query strings the views send. A span is chosen in whole UTC
 * days, both ends shown inclusive; the API takes `to` exclusive, so the day after the last is sent.
 */

export const periodPresets = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "year", label: "This year" },
  { value: "custom", label: "Custom" },
] as const;

export type PeriodPreset = (typeof periodPresets)[number]["value"];

/** Days as the date inputs hold them ("2026-11-21"), `to` included. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const dayMs = 86_400_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

function startOfDayMs(day: string): number | null {
  if (!dayPattern.test(day)) return null;
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(time) || dayOf(time) !== day ? null : time;
}

/** The days a preset covers, ending today (UTC); a custom preset keeps `current`. */
export function presetRange(preset: PeriodPreset, nowMs: number, current: DayRange): DayRange {
  const today = dayOf(nowMs);
  if (preset === "custom") return current;
  if (preset === "year") return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: dayOf(nowMs - (Number(preset) - 1) * dayMs), to: today };
}

/** Why the range cannot be asked for, in words for the form; null when it can. */
export function rangeProblem(range: DayRange): string | null {
  const from = startOfDayMs(range.from);
  const to = startOfDayMs(range.to);
  if (from === null) return "From must be a date.";
  if (to === null) return "To must be a date.";
  if (to < from) return "To must be on or after From.";
  return null;
}

/** The API's span: `from` at the first day's start, `to` at the start of the day after the last. */
export function apiSpan(range: DayRange): { from: string; to: string } {
  const from = startOfDayMs(range.from);
  const to = startOfDayMs(range.to);
  if (from === null || to === null) throw new Error("apiSpan: the range is not valid");
  return {
    from: new Date(from).toISOString(),
    to: new Date(to + dayMs).toISOString(),
  };
}

export type QueryValue = string | number | boolean | null | undefined;

/** `path?a=1&b=2`, leaving out parameters with no value (undefined, null or blank). */
export function withQuery(path: string, params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== "") search.set(name, text);
  }
  const query = search.toString();
  return query === "" ? path : `${path}?${query}`;
}
