/**
 * Recurring grants: a grant issued to a pool every month or year, exactly once a period, until
 * canceled, a count of periods or an end. One method per route, as in `resources.ts`.
 */
import { at } from "./resources.ts";
import type { Transport } from "./transport.ts";
import type {
  CreateRecurringGrant,
  PageQuery,
  RecurringGrant,
  RecurringGrantList,
  WriteOptions,
} from "./types.ts";

export function recurringGrantsResource(t: Transport) {
  return {
    /** Makes the schedule; the periods begun by now are issued at once and named in the answer. */
    create: (body: CreateRecurringGrant, options: WriteOptions = {}) =>
      t.request<RecurringGrant>({
        method: "POST",
        path: "/v1/recurring-grants",
        body,
        idempotencyKey: options.idempotencyKey,
      }),
    list: (query: PageQuery = {}) =>
      t.request<RecurringGrantList>({ method: "GET", path: "/v1/recurring-grants", query }),
    /** As of now, what came due issued first, with the ids of its latest grants. */
    get: (id: string) =>
      t.request<RecurringGrant>({ method: "GET", path: at("/v1/recurring-grants", id) }),
    /** No period after now is issued; the grants issued stay. */
    cancel: (id: string, options: WriteOptions = {}) =>
      t.request<RecurringGrant>({
        method: "POST",
        path: `${at("/v1/recurring-grants", id)}/cancel`,
        idempotencyKey: options.idempotencyKey,
      }),
  };
}

export type RecurringGrants = ReturnType<typeof recurringGrantsResource>;
