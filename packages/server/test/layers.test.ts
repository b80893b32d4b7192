/**
 * The layers of docs/ARCHITECTURE.md, read from the imports: transports call services; services
 * alone call the engine and the stores; the engine calls the stores; nothing imports upward. A
 * file importing across the line fails this test with the line it broke. The few crossings still
 * allowed are listed below, each with its reason, so the list cannot grow in silence.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../src");

type Layer = "composition" | "transport" | "service" | "access" | "engine" | "store" | "shared";

/** The files that assemble a running system (a server, the demo's own engine): they see all. */
const composition = [
  "server.ts",
  "compose.ts",
  "cli/main.ts",
  "cli/demo.ts",
  "demo/generate-demo.ts",
  // The engine's worker thread wires its own engine: its store, clock, ids and audit views.
  "engine/engine-thread.ts",
];

/** Which layer a file of `src/` belongs to, by its folder. */
function layerOf(file: string): Layer {
  const path = relative(src, file);
  const [top = ""] = path.split("/");
  if (composition.includes(path)) return "composition";
  if (["http", "gateway", "cli", "demo", "jobs"].includes(top)) return "transport";
  if (["services", "verify"].includes(top) || path === "operator-key.ts") return "service";
  if (top === "access") return "access";
  if (top === "engine") return "engine";
  if (top === "store") return "store";
  return "shared";
}

/** What each layer may import from `src/` (the core and packages are open to all). */
const allowed: Record<Layer, readonly Layer[]> = {
  composition: ["composition", "transport", "service", "access", "engine", "store", "shared"],
  transport: ["transport", "service", "access", "shared"],
  service: ["service", "access", "engine", "store", "shared"],
  access: ["access", "store", "shared"],
  engine: ["engine", "store", "shared"],
  store: ["store", "shared"],
  shared: ["shared"],
};

/** Crossings still allowed, by importing folder or file and imported file, with the reason. */
const exceptions: readonly { from: string; to: string; why: string }[] = [
  { from: "http/metrics.ts", to: "engine/engine.ts", why: "the batch statistics' type" },
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import of a file, type-only ones included, resolved to a file of `src/`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)[^;]*?from\s+"(\.[^"]+)";/gms)) {
    const specifier = match[1];
    if (specifier !== undefined) found.push(resolve(dirname(file), specifier));
  }
  return found.filter((path) => path.startsWith(`${src}/`));
}

function excepted(from: string, to: string): boolean {
  const a = relative(src, from);
  const b = relative(src, to);
  return exceptions.some(
    (exception) =>
      (a === exception.from || (exception.from.endsWith("/") && a.startsWith(exception.from))) &&
      (b === exception.to || (exception.to.endsWith("/") && b.startsWith(exception.to))),
  );
}

describe("the layers, read from the imports", () => {
  const files = sourceFiles(src);

  it("finds the layers' files", () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of Object.keys(allowed)) assert.ok(layers.has(layer as Layer), layer);
  });

  it("no file imports a layer it may not", () => {
    const broken: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (allowed[from].includes(to) || excepted(file, target)) continue;
        broken.push(`${relative(src, file)} (${from}) imports ${relative(src, target)} (${to})`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it("no file imports itself through others: the imports have no circle", () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, "open" | "done">();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") {
          const circle = [...trail.slice(trail.indexOf(next)), next];
          circles.push(circle.map((each) => relative(src, each)).join(" → "));
        } else if (state.get(next) === undefined) visit(next, [...trail, next]);
      }
      state.set(file, "done");
    };
    for (const file of files) if (state.get(file) === undefined) visit(file, [file]);
    assert.deepEqual(circles, []);
  });

  it("every exception is still needed", () => {
    const used = exceptions.filter((exception) =>
      files.some((file) =>
        importsOf(file).some((target) => {
          const to = layerOf(target);
          return (
            !allowed[layerOf(file)].includes(to) &&
            excepted(file, target) &&
            relative(src, target).startsWith(exception.to.replace(/\/$/, "")) &&
            relative(src, file).startsWith(exception.from.replace(/\/$/, ""))
          );
        }),
      ),
    );
    assert.deepEqual(
      exceptions.filter((exception) => !used.includes(exception)).map((e) => `${e.from} → ${e.to}`),
      [],
    );
  });
});
