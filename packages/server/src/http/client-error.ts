/**
 * Requests Node cannot hand to the app: malformed, with headers over the maximum, or too slow to
 * arrive. Node answers them with a bare status; here they get the API's error envelope, and the
 * connection is closed, since what follows on it cannot be trusted to be a request.
 */
import type { Duplex } from "node:stream";
import { errorBody } from "./problem.ts";

/** What the message of a timeout states: the server's timeouts, in milliseconds. */
export interface RequestDeadlines {
  readonly headersMs: number;
  readonly requestMs: number;
}

/** For the HTTP server's `clientError` event. */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  deadlines: RequestDeadlines,
): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [message, param] = messageOf(error.code, deadlines);
  const body = JSON.stringify(errorBody("invalid_request", message, param));
  socket.end(
    "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

function messageOf(
  code: string | undefined,
  deadlines: RequestDeadlines,
): [message: string, param?: string] {
  const seconds = (ms: number) => `${ms / 1000} s`;
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [
        `The request took too long: its headers are due within ${seconds(deadlines.headersMs)}, ` +
          `all of it within ${seconds(deadlines.requestMs)}.`,
      ];
    case "HPE_HEADER_OVERFLOW":
      return ["The request's headers are larger than the maximum.", "headers"];
    case "HPE_INVALID_CONTENT_LENGTH":
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
      return ["Content-Length must be one decimal number of bytes.", "Content-Length"];
    default:
      return ["The request is not valid HTTP/1.1."];
  }
}
