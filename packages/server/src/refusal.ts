/**
 * A request refused with a result code: raised by services and by access checks, rendered by each
 * transport in its own shape (the HTTP error envelope, a CLI message). It carries the code, a
 * message for people, and the field at fault when one is.
 */
import { type ResultCode, resultCodes } from "@creditpool/core";

export class Refusal extends Error {
  constructor(
    readonly code: ResultCode,
    message?: string,
    readonly param?: string,
  ) {
    super(message ?? resultCodes[code].summary);
  }
}
