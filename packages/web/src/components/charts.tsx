/**
 * The console's charts, on Recharts: every axis says its unit, every chart has a tooltip and a
 * legend. Figures arrive as decimal strings and are turned into numbers only here, to plot.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { compactNumber, groupDecimal } from "../format.ts";

const creditsTick = (value: number) => compactNumber(value);
const creditsTooltip = (value: unknown) => `${groupDecimal(String(value ?? 0), 2)} credits`;

export interface BurnPoint {
  readonly date: string;
  readonly balance?: number;
  readonly projected?: number;
  readonly consumed?: number;
}

/** Balance by day, the consumption bars beneath it, and the projection to depletion, dashed. */
export function BurnDownChart(props: { points: readonly BurnPoint[]; today: string }) {
  return (
    <div
      className="chart"
      role="img"
      aria-label="Burn-down: balance in credits by day, with the forecast"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={[...props.points]} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="date"
            minTickGap={24}
            label={{ value: "date (UTC)", position: "insideBottom", offset: -16 }}
          />
          <YAxis
            tickFormatter={creditsTick}
            width={64}
            label={{ value: "credits", angle: -90, position: "insideLeft" }}
          />
          <Tooltip formatter={creditsTooltip} />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="consumed" name="Consumed per day" fill="#c2410c" opacity={0.55} />
          <Line
            type="monotone"
            dataKey="balance"
            name="Available (history)"
            stroke="#1f5fbf"
            dot={false}
            strokeWidth={2}
          />
          <Line
            type="linear"
            dataKey="projected"
            name="Forecast"
            stroke="#1f5fbf"
            strokeDasharray="6 4"
            dot={false}
            strokeWidth={2}
          />
          <ReferenceLine
            x={props.today}
            stroke="#5b6470"
            label={{ value: "today", position: "top" }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export interface RankedBar {
  readonly name: string;
  readonly credits: number;
}

/** Horizontal bars of credits per consumer, biggest first. */
export function RankedBars(props: { rows: readonly RankedBar[]; label: string }) {
  const height = Math.max(140, props.rows.length * 30 + 60);
  return (
    <div className="chart" style={{ height }} role="img" aria-label={props.label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={[...props.rows]}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 20, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            tickFormatter={creditsTick}
            label={{ value: "credits", position: "insideBottom", offset: -12 }}
          />
          <YAxis type="category" dataKey="name" width={120} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip formatter={creditsTooltip} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="credits" name="Credits consumed" fill="#1f5fbf" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
