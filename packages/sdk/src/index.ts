/** `@creditpool/sdk`: a typed client for the creditpool HTTP API, with no runtime dependencies. */
export { CreditpoolClient, type CreditpoolClientOptions } from "./client.ts";
export {
  type ClientErrorCode,
  CreditpoolError,
  type CreditpoolErrorFields,
  clientErrorCodes,
  type ErrorEnvelope,
  retryableStatus,
} from "./errors.ts";
export type { components, paths } from "./openapi.ts";
export type { Fetch, TransportOptions } from "./transport.ts";
export type * from "./types.ts";
export { ulid, ulidTime } from "./ulid.ts";
