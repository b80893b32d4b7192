/** The usage explorer: consumption over a span, by period and by group, as a chart and tables. */
import { type FormEvent, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Figure } from "../../components/figure.tsx";
import { exactCredits, formatDateTimeUtc, formatMoney, formatPeriodUtc } from "../../format.ts";
import { stackedUsage } from "./chart-data.ts";
import { initialPeriod, PeriodFields, PoolSelect } from "./controls.tsx";
import { withQuery } from "./query.ts";
import { type UsageForm, usageQuery } from "./report-queries.ts";
import type { UsageReport } from "./types.ts";
import {
  downloadText,
  Empty,
  Load,
  legendText,
  Problem,
  TableScroll,
  useAction,
  useApiGet,
} from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

const intervals = ["hour", "day", "week", "month"] as const;
const groupings = ["pool", "member", "key", "model", "meter", "tag"] as const;
const groupingLabels: Readonly<Record<string, string>> = {
  pool: "Pool",
  member: "Member",
  key: "Key",
  model: "Model",
  meter: "Meter",
  tag: "Tag value",
};
type Asked = { readonly params: Record<string, string>; readonly range: UsageForm["period"] };

export function UsageView({ api }: ViewProps) {
  const [form, setForm] = useState<UsageForm>(() => ({
    period: initialPeriod("30", Date.now()),
    interval: "day",
    groupBy: "pool",
    tag: "",
    pool: "",
    limit: "10",
  }));
  const [asked, setAsked] = useState<Asked | null>(() => {
    const first = usageQuery(form);
    return "params" in first ? { params: first.params, range: form.period } : null;
  });
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const path = asked === null ? null : withQuery("/v1/reports/usage", asked.params);
  const { loaded } = useApiGet<UsageReport>(api, path);
  const exporting = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = usageQuery(form);
    if ("problem" in query) {
      setFormProblem(query.problem);
      return;
    }
    setFormProblem(null);
    setAsked({ params: query.params, range: form.period });
  };

  const exportCsv = () => {
    if (asked === null) return;
    const csvPath = withQuery("/v1/reports/usage", { ...asked.params, format: "csv" });
    const fileName = `usage-${asked.range.from}-${asked.range.to}.csv`;
    exporting.run(async () => {
      downloadText(await api.text(csvPath), fileName, "text/csv");
    });
  };

  return (
    <div className="more-view">
      <h1>Usage explorer</h1>
      <form className="more-form" onSubmit={submit} aria-label="Usage report">
        <PeriodFields value={form.period} onChange={(period) => setForm({ ...form, period })} />
        <div className="more-field">
          <label htmlFor="usage-interval">Interval</label>
          <select
            id="usage-interval"
            value={form.interval}
            onChange={(event) => setForm({ ...form, interval: event.target.value })}
          >
            {intervals.map((interval) => (
              <option key={interval}>{interval}</option>
            ))}
          </select>
        </div>
        <div className="more-field">
          <label htmlFor="usage-group-by">Group by</label>
          <select
            id="usage-group-by"
            value={form.groupBy}
            onChange={(event) => setForm({ ...form, groupBy: event.target.value })}
          >
            {groupings.map((grouping) => (
              <option key={grouping} value={grouping}>
                {groupingLabels[grouping]}
              </option>
            ))}
          </select>
        </div>
        {form.groupBy === "tag" ? (
          <div className="more-field">
            <label htmlFor="usage-tag">Tag key</label>
            <input
              id="usage-tag"
              value={form.tag}
              required
              onChange={(event) => setForm({ ...form, tag: event.target.value })}
            />
          </div>
        ) : null}
        <PoolSelect api={api} value={form.pool} onChange={(pool) => setForm({ ...form, pool })} />
        <div className="more-field">
          <label htmlFor="usage-limit">Groups shown</label>
          <input
            id="usage-limit"
            type="number"
            min={1}
            max={100}
            value={form.limit}
            onChange={(event) => setForm({ ...form, limit: event.target.value })}
          />
        </div>
        <div className="more-actions">
          <button type="submit">Show usage</button>
          <button type="button" onClick={exportCsv} disabled={asked === null || exporting.busy}>
            {exporting.busy ? "Exporting…" : "Export CSV"}
          </button>
        </div>
      </form>
      {formProblem === null ? null : <Problem message={formProblem} />}
      {exporting.problem === null ? null : <Problem message={exporting.problem} />}
      <Load loaded={loaded} what="usage">
        {(report) => <UsageResult report={report} />}
      </Load>
    </div>
  );
}

function UsageResult({ report }: { readonly report: UsageReport }) {
  const money = (text: string) => formatMoney(text, report.currency);
  const names = new Map(report.groups.map((group) => [group.group, group.name ?? group.group]));
  if (report.groups.length === 0)
    return <Empty>No consumption in this span{report.pool ? " for this pool" : ""}.</Empty>;
  const chart = stackedUsage(report);
  return (
    <>
      {report.complete ? null : (
        <p className="more-note" role="status">
          The journal had more than one request may sum: these figures stop at entry{" "}
          {report.summed_to_sequence}. Ask again shortly for the rest.
        </p>
      )}
      <div className="figures">
        <Figure
          id="usage-credits"
          label="Consumed"
          value={`${exactCredits(report.total.credits)} credits`}
        />
        <Figure
          id="usage-money"
          label="Cost of covered credits"
          value={money(report.total.money)}
        />
        <Figure
          id="usage-uncovered"
          label="Uncovered"
          value={`${exactCredits(report.total.uncovered)} credits`}
        />
      </div>
      <figure className="more-chart">
        <figcaption>
          Credits consumed per {report.interval} by {report.group_by} (UTC)
        </figcaption>
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={[...chart.data]} margin={{ top: 8, right: 8, bottom: 24, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="start"
              tickFormatter={(start: string) => formatPeriodUtc(start, report.interval)}
              label={{ value: `${report.interval} (UTC)`, position: "insideBottom", offset: -16 }}
            />
            <YAxis
              tickFormatter={(credits: number) => credits.toLocaleString("en")}
              label={{ value: "credits", angle: -90, position: "insideLeft", offset: -8 }}
            />
            <Tooltip
              labelFormatter={(start) => formatPeriodUtc(String(start), report.interval)}
              formatter={(credits) =>
                `${Number(credits).toLocaleString("en", { maximumFractionDigits: 6 })} credits`
              }
            />
            <Legend verticalAlign="top" itemSorter={null} formatter={legendText} />
            {chart.series.map((series) => (
              <Bar
                key={series.key}
                dataKey={series.key}
                name={series.label}
                stackId="usage"
                isAnimationActive={false}
                fill={series.color}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <h2>Groups</h2>
      <TableScroll label={`Consumption by ${report.group_by}`}>
        <thead>
          <tr>
            <th scope="col">{groupingLabels[report.group_by] ?? report.group_by}</th>
            <th scope="col">Credits</th>
            <th scope="col">Cost ({report.currency ?? "money"})</th>
            <th scope="col">Uncovered credits</th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((group) => (
            <tr key={group.group}>
              <th scope="row">
                {group.name ?? group.group}
                {group.name === null ? null : <span className="more-id">{group.group}</span>}
              </th>
              <td className="more-number">{exactCredits(group.credits)}</td>
              <td className="more-number">{money(group.money)}</td>
              <td className="more-number">{exactCredits(group.uncovered)}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <h2>Periods</h2>
      <TableScroll label="Consumption by period and group">
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">{groupingLabels[report.group_by] ?? report.group_by}</th>
            <th scope="col">Credits</th>
            <th scope="col">Cost ({report.currency ?? "money"})</th>
            <th scope="col">Uncovered credits</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr key={`${row.start}/${row.group}`}>
              <td>{formatDateTimeUtc(row.start)}</td>
              <td>{formatDateTimeUtc(row.end)}</td>
              <td>{names.get(row.group) ?? row.group}</td>
              <td className="more-number">{exactCredits(row.credits)}</td>
              <td className="more-number">{money(row.money)}</td>
              <td className="more-number">{exactCredits(row.uncovered)}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
    </>
  );
}
