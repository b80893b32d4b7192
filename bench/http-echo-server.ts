/**
 * The HTTP baseline: a bare Hono application on the same node:http adapter creditpool uses
 * (@hono/node-server), with one POST route that answers the JSON body it was sent. Run as its own
 * process by the HTTP benchmark: `node --import tsx bench/http-echo-server.ts <port>`.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.post("/echo", async (c) => c.json(await c.req.json()));
app.get("/healthz", (c) => c.json({ status: "ok" }));
/** This process's CPU time, so the benchmark can report what the baseline cost. */
app.get("/cpu", (c) => c.json(process.cpuUsage()));

const server = serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: "127.0.0.1" });
process.once("SIGTERM", () => server.close(() => process.exit(0)));
