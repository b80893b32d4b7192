/**
 * The floor of any gateway: a bare pass-through in a few lines of `node:http` and `fetch`. Every
 * request's body is read whole, sent upstream under the same path with its `authorization`, and
 * the answer's status, type and body are relayed as they arrive. Nothing is checked, counted or
 * held. `node --import tsx bench/gateway-proxy-server.ts <port> <upstream origin>`
 */
import http from "node:http";

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(port) || upstream === undefined) {
  process.stderr.write("usage: gateway-proxy-server.ts <port> <upstream origin>\n");
  process.exit(2);
}

http
  .createServer(async (request, response) => {
    try {
      const pieces: Buffer[] = [];
      for await (const piece of request) pieces.push(piece as Buffer);
      const answer = await fetch(`${upstream}${request.url ?? "/"}`, {
        method: request.method ?? "GET",
        headers: {
          "content-type": request.headers["content-type"] ?? "application/json",
          authorization: request.headers.authorization ?? "",
        },
        ...(request.method === "POST" ? { body: Buffer.concat(pieces) } : {}),
      });
      response.writeHead(answer.status, {
        "content-type": answer.headers.get("content-type") ?? "application/json",
      });
      if (answer.body !== null) for await (const chunk of answer.body) response.write(chunk);
      response.end();
    } catch (error) {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })
  .listen(port, "127.0.0.1");
