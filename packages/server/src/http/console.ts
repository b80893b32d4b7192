/**
 * The web console at `/`: the static files `@creditpool/web` builds into its `dist/`, read once
 * at start into a fixed map, so only a file that exists there is ever answered (no path from the
 * request reaches the file system). Hashed assets are cached for a year; the page itself is
 * revalidated on every load. Without a build, `/` says how to make one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, sep } from "node:path";
import type { Hono } from "hono";
import { errorJson } from "./problem.ts";

const contentTypes: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export const consoleSecurityHeaders = {
  "content-security-policy":
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;

interface ConsoleFile {
  readonly body: Uint8Array;
  readonly type: string;
}

export interface ConsoleBuild {
  readonly index: string;
  /** By URL path under `/assets/`, e.g. `index-3f2a1b.js`. */
  readonly assets: ReadonlyMap<string, ConsoleFile>;
}

/** The `dist/` of the installed `@creditpool/web`, or null when the package is not installed. */
export function consoleDirectory(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve("@creditpool/web/package.json");
    return join(dirname(manifest), "dist");
  } catch {
    return null;
  }
}

/** Reads a built console; null when there is no `index.html` to serve. */
export function readConsoleBuild(directory: string | null): ConsoleBuild | null {
  if (directory === null || !existsSync(join(directory, "index.html"))) return null;
  const index = readFileSync(join(directory, "index.html"), "utf8");
  const assets = new Map<string, ConsoleFile>();
  const root = join(directory, "assets");
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const type = contentTypes[extname(name).toLowerCase()];
        if (type === undefined) continue;
        assets.set(relative(root, path).split(sep).join("/"), { body: readFileSync(path), type });
      }
    }
  };
  if (existsSync(root)) walk(root);
  return { index, assets };
}

let installed: ConsoleBuild | null | undefined;

/** The installed build, read once per process: every app made in it serves the same files. */
function installedBuild(): ConsoleBuild | null {
  if (installed === undefined) installed = readConsoleBuild(consoleDirectory());
  return installed;
}

const missingPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>creditpool console not built</title></head>
<body>
  <h1>The creditpool console is not built</h1>
  <p>The API is running (see <a href="/docs">/docs</a>). To serve the console here, build it:
  run <code>npm run build</code> at the top of the creditpool repository (or
  <code>npm ci</code>, which builds everything), then restart the server.</p>
</body>
</html>`;

// biome-ignore lint/suspicious/noExplicitAny: any Hono app with any environment can serve it.
export function serveConsole(app: Hono<any>, given?: ConsoleBuild | null): void {
  const build = given === undefined ? installedBuild() : given;
  app.get("/", (c) => {
    if (build === null) {
      return c.html(missingPage, 503, { ...consoleSecurityHeaders, "cache-control": "no-store" });
    }
    return c.html(build.index, 200, { ...consoleSecurityHeaders, "cache-control": "no-cache" });
  });
  app.get("/assets/*", (c) => {
    const name = c.req.path.slice("/assets/".length);
    const file = build?.assets.get(name);
    if (file === undefined) {
      return errorJson(c, "route_not_found", `No route ${c.req.method} ${c.req.path}.`);
    }
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      ...consoleSecurityHeaders,
      "content-type": file.type,
      "cache-control": "public, max-age=31536000, immutable",
    });
  });
}
