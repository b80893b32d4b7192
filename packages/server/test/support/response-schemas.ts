/**
 * Every answer of the API checked against the schema its route declares for that status: the
 * zod schemas that make the OpenAPI document (and the SDK's types) must describe what is sent.
 */
import type { OpenAPIHono, z } from "@hono/zod-openapi";

interface DeclaredRoute {
  readonly method: string;
  readonly pattern: RegExp;
  readonly responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The routes the app declares, with a pattern for their paths (`{id}` is one segment). */
export function declaredRoutes(app: OpenAPIHono<never> | { openAPIRegistry: unknown }) {
  const registry = (app as { openAPIRegistry: { definitions: unknown[] } }).openAPIRegistry;
  const routes: DeclaredRoute[] = [];
  for (const definition of registry.definitions) {
    const entry = definition as { type?: string; route?: Record<string, unknown> };
    if (entry.type !== "route" || entry.route === undefined) continue;
    const { method, path, responses } = entry.route as {
      method: string;
      path: string;
      responses: DeclaredRoute["responses"];
    };
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    routes.push({ method: method.toUpperCase(), pattern, responses });
  }
  return routes;
}

/**
 * Why `body` (of `contentType`) does not match the schema declared for `status` and that media
 * type on the route that answered, or null
 * when it does (or when the path is not a declared route: docs, metrics, unknown routes).
 */
export function responseProblem(
  routes: readonly DeclaredRoute[],
  method: string,
  path: string,
  status: number,
  body: unknown,
  contentType = "application/json",
): string | null {
  const bare = path.split("?")[0] ?? path;
  const route = routes.find((each) => each.method === method && each.pattern.test(bare));
  if (route === undefined) return null;
  const declared = route.responses[String(status)];
  if (declared === undefined)
    return `${method} ${bare} answered ${status}, which it does not declare`;
  const media = contentType.split(";")[0]?.trim() ?? "";
  const content = declared.content;
  if (content !== undefined && Object.keys(content).length > 0 && !(media in content))
    return `${method} ${bare} ${status}: answered ${media}, which it does not declare`;
  const schema = content?.[media]?.schema as z.ZodType | undefined;
  if (schema === undefined) return null;
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  const [issue] = parsed.error.issues;
  return `${method} ${bare} ${status}: ${issue?.path.join(".")} ${issue?.message}`;
}
