/**
 * Output for people: aligned columns for lists, aligned name and value pairs for one object.
 * Amounts stay the API's decimal strings; they are right-aligned so their digits line up.
 */

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  readonly align?: "left" | "right";
}

const gap = "  ";

export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => (line[index] ?? "").length)),
  );
  const render = (line: readonly string[]) =>
    columns
      .map((column, index) => {
        const text = line[index] ?? "";
        const width = widths[index] ?? 0;
        return column.align === "right" ? text.padStart(width) : text.padEnd(width);
      })
      .join(gap)
      .trimEnd();
  const lines = [render(columns.map((column) => column.header)), ...cells.map(render)];
  if (rows.length === 0) lines.push("(none)");
  return lines.join("\n");
}

/** Name and value pairs, one a line, the values aligned. */
export function fields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...pairs.map(([name]) => name.length));
  return pairs.map(([name, value]) => `${name.padEnd(width)}${gap}${value}`.trimEnd()).join("\n");
}

/** A JSON value in one cell: `-` for nothing, a limit as `500 hard/month`. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "amount" in value && "period" in value) {
    const kind = "kind" in value ? ` ${cell(value.kind)}` : "";
    return `${cell(value.amount)}${kind}/${cell(value.period)}`;
  }
  return JSON.stringify(value);
}

/** Every field of one API object except `object`, in the API's order. */
export function detail(object: object, labels: Readonly<Record<string, string>> = {}): string {
  return fields(
    Object.entries(object)
      .filter(([name]) => name !== "object")
      .map(([name, value]) => [labels[name] ?? name, cell(value)] as const),
  );
}
