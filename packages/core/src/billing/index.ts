export * from "./calendar.ts";
export * from "./plan.ts";
export * from "./proration.ts";
export * from "./revenue.ts";
