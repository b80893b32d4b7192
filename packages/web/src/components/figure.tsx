/** A headline figure: a label, the value with its unit, and an optional note. */
import type { ReactNode } from "react";

export function Figure(props: { label: string; value: ReactNode; note?: ReactNode; id?: string }) {
  return (
    <div className="figure">
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
