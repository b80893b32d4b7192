/**
 * The web console at `/`: only files of the build are answered, hashed assets are cached for a
 * year and the page is revalidated, every answer carries the strict CSP, and a server without a
 * build says how to make one. The API keeps its routes.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Hono } from "hono";
import { consoleDirectory, readConsoleBuild, serveConsole } from "../src/http/console.ts";
import { apiHarness } from "./support/api.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-console-"));
after(() => rmSync(directory, { recursive: true, force: true }));
mkdirSync(join(directory, "assets"));
writeFileSync(join(directory, "index.html"), '<!doctype html><script src="/assets/app-1a2b.js">');
writeFileSync(join(directory, "assets", "app-1a2b.js"), "console.log(1);");
writeFileSync(join(directory, "assets", "app-1a2b.css"), "body{}");
writeFileSync(join(directory, "assets", "notes.md"), "not a served type");
writeFileSync(join(directory, "secret.txt"), "outside assets");

const csp =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

function appWith(build: ReturnType<typeof readConsoleBuild>) {
  const app = new Hono();
  serveConsole(app, build);
  return app;
}

describe("the console's files", () => {
  const app = appWith(readConsoleBuild(directory));

  it("GET / answers index.html, revalidated every time, with the CSP and nosniff", async () => {
    const answer = await app.request("/");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/html/);
    assert.equal(answer.headers.get("cache-control"), "no-cache");
    assert.ok((answer.headers.get("content-security-policy") ?? "").startsWith(csp));
    assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
    assert.match(await answer.text(), /app-1a2b\.js/);
  });

  it("a hashed asset is answered with its type and cached for a year", async () => {
    const answer = await app.request("/assets/app-1a2b.js");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(answer.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(await answer.text(), "console.log(1);");
    const css = await app.request("/assets/app-1a2b.css");
    assert.match(css.headers.get("content-type") ?? "", /^text\/css/);
  });

  for (const path of [
    "/assets/missing.js",
    "/assets/../secret.txt",
    "/assets/%2e%2e/secret.txt",
    "/assets/..%2fsecret.txt",
    "/assets/notes.md",
    "/assets/",
  ]) {
    it(`${path} answers 404: only the build's assets are served`, async () => {
      const answer = await app.request(path);
      assert.equal(answer.status, 404);
      assert.doesNotMatch(await answer.text(), /outside assets|not a served type/);
    });
  }

  it("without a build, / says how to build the console instead of failing", async () => {
    const answer = await appWith(null).request("/");
    assert.equal(answer.status, 503);
    assert.match(await answer.text(), /npm run build/);
    assert.equal(readConsoleBuild(join(directory, "nowhere")), null);
  });

  it("the installed package is found through its package.json", () => {
    assert.match(consoleDirectory() ?? "", /web[\\/]dist$/);
  });
});

describe("the console beside the API", () => {
  it("the API keeps its routes and its 404 envelope", async () => {
    const api = await apiHarness();
    after(() => api.close());
    assert.equal((await api.call("GET", "/healthz")).status, 200);
    const org = await api.newOrganization("Acme");
    assert.equal((await api.call("GET", "/v1/organization", { key: org.ownerKey })).status, 200);
    const unknown = await api.call("GET", "/assets/none.js");
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { error: { code: string } }).error.code, "route_not_found");
    const page = await api.call("GET", "/");
    assert.ok([200, 503].includes(page.status), String(page.status));
  });
});
