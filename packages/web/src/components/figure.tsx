/** A headline figure: a label, the value with its unit, and an optional note. */
import type { ReactNode } from "react";

export function Figure(props: {
  label: ReactNode;
  value: ReactNode;
  note?: ReactNode;
  /** `data-figure` of the value, for tests and links to find it. */
  id?: string;
  /** Set apart from its neighbours (the cheapest of several costs). */
  highlight?: boolean;
}) {
  return (
    <div className={props.highlight === true ? "figure figure-highlight" : "figure"}>
      <div className="figure-label">{props.label}</div>
      <div className="figure-value" data-figure={props.id}>
        {props.value}
      </div>
      {props.note === undefined ? null : <div className="figure-note">{props.note}</div>}
    </div>
  );
}

export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-label={props.title}>
      <header className="panel-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
