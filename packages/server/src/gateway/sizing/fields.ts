/**
 * Reading a JSON body field by field: each reader answers the value or refuses with
 * `invalid_request` naming the field, in the request's own terms (`messages[3].content`).
 */
import { limits, textProblem } from "@creditpool/core";
import { Refusal } from "../../refusal.ts";

export type JsonObject = Readonly<Record<string, unknown>>;

export function invalid(param: string, message: string): Refusal {
  return new Refusal("invalid_request", `${param}: ${message}.`, param);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, param: string): JsonObject {
  if (!isObject(value)) throw invalid(param, "must be an object");
  return value;
}

export function arrayAt(value: unknown, param: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(param, "must be an array");
  return value;
}

export function stringAt(value: unknown, param: string): string {
  if (typeof value !== "string") throw invalid(param, "must be a string");
  return value;
}

export function optionalStringAt(value: unknown, param: string): string | null {
  return value === undefined || value === null ? null : stringAt(value, param);
}

/** A whole number from `min` to `max`, or null when absent. */
export function optionalIntegerAt(
  value: unknown,
  param: string,
  min: number,
  max: number,
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw invalid(param, `must be a whole number from ${min} to ${max}`);
  return value;
}

/** The model a request names: a non-empty string. */
export function modelAt(body: JsonObject): string {
  const model = stringAt(body.model, "model");
  if (model.length === 0) throw invalid("model", "must not be empty");
  const problem = textProblem(model, limits.gatewayModelNameLengthMax);
  if (problem !== null) throw invalid("model", problem);
  return model;
}
