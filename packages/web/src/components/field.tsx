/**
 * A labelled form field with its error beside it: the API's problem names the field in `param`
 * (`limit.amount`, `name`), and the field whose name matches shows the message.
 */
import { type ReactNode, useId } from "react";
import { ApiProblem } from "../api.ts";

export function fieldError(error: unknown, names: readonly string[]): string | null {
  if (!(error instanceof ApiProblem) || error.param === null) return null;
  const param = error.param;
  return names.some((name) => param === name || param.startsWith(`${name}.`))
    ? error.message
    : null;
}

export function Field(props: {
  label: string;
  error: string | null;
  hint?: string;
  children: (attributes: {
    id: string;
    "aria-describedby"?: string;
    "aria-invalid"?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const described = props.error !== null ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <div className={props.error === null ? "field" : "field field-invalid"}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(described === undefined ? {} : { "aria-describedby": described }),
        ...(props.error === null ? {} : { "aria-invalid": true }),
      })}
      {props.hint !== undefined && props.error === null ? (
        <span className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error === null ? null : (
        <span className="field-error" id={`${id}-error`} role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The form's error when no field claims it. */
export function unclaimed(error: unknown, names: readonly string[]): unknown {
  return fieldError(error, names) === null ? error : undefined;
}
