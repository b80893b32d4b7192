/**
 * `/docs`: the OpenAPI description rendered by Swagger UI, served from the installed
 * `swagger-ui-dist` package (no network needed).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Hono } from "hono";

const assets = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>creditpool API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#docs", deepLinking: true });
  </script>
</body>
</html>`;

// biome-ignore lint/suspicious/noExplicitAny: any Hono app with any environment can serve the docs.
export function serveDocs(app: Hono<any>): void {
  const directory = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const cache = new Map<string, string>();
  app.get("/docs", (c) => c.html(page));
  for (const [file, type] of Object.entries(assets)) {
    app.get(`/docs/${file}`, (c) => {
      let body = cache.get(file);
      if (body === undefined) {
        body = readFileSync(join(directory, file), "utf8");
        cache.set(file, body);
      }
      return c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
    });
  }
}
