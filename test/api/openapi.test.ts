// The OpenAPI document is the contract: it validates, it describes every route the app serves (inputs, a
// typed answer, its problems), and every problem the API answers is a documented kind.
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { problemTypes, type ProblemSlug } from "../../server/errors";
import { createTestContext, PASSWORD, type TestContext } from "../support/app";
import { surveyDefinition } from "../support/factories";

type Schema = { $ref?: string; type?: string };
type Content = Record<string, { schema?: Schema }>;
type Operation = {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Content };
  responses?: Record<string, { description?: string; content?: Content }>;
};
type Document = {
  openapi: string;
  info: { title: string; description?: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, Record<string, string>> };
};

const PROBLEM_REF = "#/components/schemas/Problem";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

let ctx: TestContext;
let doc: Document;

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.request("/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.json;
});

/** What the app routes under /api: method and path as Hono writes them, less middleware and the catch-all. */
function servedRoutes() {
  const seen = new Set<string>();
  for (const { method, path } of ctx.app.routes) {
    // Middleware (`use`) registers as ALL; the one real ALL route is the 404 catch-all for /api/*.
    if (method === "ALL" || !path.startsWith("/api/")) continue;
    seen.add(`${method} ${path}`);
  }
  return [...seen].map((route) => {
    const [method, path] = route.split(" ") as [string, string];
    return { route, method: method.toLowerCase(), path: path.replace(/:(\w+)/g, "{$1}") };
  });
}

/** Everything missing from one operation's description, in words that say what to add. */
function gaps(op: Operation, path: string): string[] {
  const out: string[] = [];
  if (!op.summary?.trim()) out.push("a summary");
  if (!op.tags?.length) out.push("a tag");
  else for (const tag of op.tags) if (!doc.tags?.some((t) => t.name === tag)) out.push(`a description of tag “${tag}” (apiDescription in server/lib/openapi.ts)`);
  if (!Array.isArray(op.security)) out.push("security (security.session, .apiKey or .none)");
  else for (const scheme of op.security.flatMap(Object.keys)) if (!doc.components.securitySchemes[scheme]) out.push(`security scheme “${scheme}”`);
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    const param = op.parameters?.find((p) => p.in === "path" && p.name === name);
    if (!param?.schema || !param.required) out.push(`a schema for path parameter “${name}” (request.params)`);
  }
  const responses = Object.entries(op.responses ?? {});
  const answers = responses.filter(([status]) => /^2\d\d$/.test(status));
  // 204 says it all by having no body; every other success names the shape of what it sends.
  if (!answers.some(([status, r]) => status === "204" || Object.values(r.content ?? {}).some((c) => c.schema))) {
    out.push("a 2xx response with a schema (json(schema, …))");
  }
  const problemAnswers = responses.filter(([status]) => /^[45]\d\d$/.test(status));
  if (problemAnswers.length === 0) out.push("its problem responses (...problems(…))");
  for (const [status, r] of problemAnswers) {
    if (r.content?.["application/problem+json"]?.schema?.$ref !== PROBLEM_REF) out.push(`${status} as application/problem+json with the Problem schema`);
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, by a maintained validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(doc.info.title).toBe("Rapport API");
  });

  it("describes every route the app serves under /api, with its path parameters, a typed answer and its problems", () => {
    const failures: string[] = [];
    for (const { route, method, path } of servedRoutes()) {
      const op = doc.paths[path]?.[method];
      if (!op) {
        failures.push(`${route} is not in the document: write it with createRoute() and the router's .openapi()`);
        continue;
      }
      const missing = gaps(op, path);
      if (missing.length) failures.push(`${route} lacks ${missing.join("; ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("describes no operation the app does not serve", () => {
    const served = new Set(servedRoutes().map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => METHODS.includes(m)).map((m) => `${m} ${path}`));
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
  });

  it("names both ways to call the API: the admin app's session cookie and an API key as a bearer token", () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "rapport_session" });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    const ingest = doc.paths["/api/interactions"]?.post;
    expect(ingest?.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths["/api/health"]?.get?.security).toEqual([]);
  });

  it("documents the problem format and points to the catalogue of problem types", () => {
    expect(doc.components.schemas.Problem).toMatchObject({ type: "object", required: expect.arrayContaining(["type", "status", "title", "detail"]) });
    expect(doc.info.description).toContain("/api/problems");
    // Each problem response says which kinds of problem it stands for, by their type URIs.
    const notFound = doc.paths["/api/problems/{slug}"]?.get?.responses?.["404"];
    expect(notFound?.description).toContain("/api/problems/not-found");
  });
});

describe("the problem catalogue", () => {
  it("lists every kind of problem, each resolvable at its own type URI", async () => {
    const list = await ctx.request("/api/problems");
    expect(list.status).toBe(200);
    const slugs = Object.keys(problemTypes) as ProblemSlug[];
    expect(list.json.items.map((p: { type: string }) => p.type).sort()).toEqual(slugs.map((s) => `/api/problems/${s}`).sort());
    for (const item of list.json.items) {
      const one = await ctx.request(item.type);
      expect(one.status, item.type).toBe(200);
      expect(one.json).toEqual(item);
    }
    expect((await ctx.request("/api/problems/no-such-kind")).json.type).toBe("/api/problems/not-found");
  });

  it("covers every problem the API answers: each type resolves, with the status it answered with", async () => {
    const created = await ctx.request("/api/surveys", { as: "manager", body: { title: "Contract", definition: surveyDefinition() } });
    expect(created.status, created.text).toBe(201);
    const surveyId: string = created.json.id;
    expect((await ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} })).status).toBe(201);

    const failing: [string, () => ReturnType<TestContext["request"]>][] = [
      ["an unknown endpoint", () => ctx.request("/api/no-such-thing")],
      ["no session", () => ctx.request("/api/surveys")],
      ["a wrong API key", () => ctx.request("/api/interactions", { apiKey: "rpk_wrong", body: { interactions: [] } })],
      ["a role that may not write", () => ctx.request("/api/surveys", { as: "reviewer", body: { title: "x", definition: surveyDefinition() } })],
      ["a survey that is not there", () => ctx.request("/api/surveys/no-such-survey", { as: "manager" })],
      ["publishing an unchanged survey", () => ctx.request(`/api/surveys/${surveyId}/publish`, { as: "manager", body: {} })],
      ["a wrong field", () => ctx.request("/api/surveys", { as: "manager", body: { title: "", definition: surveyDefinition() } })],
      ["a body that is not JSON", () => ctx.request("/api/surveys", { as: "manager", body: "{not json" })],
      ["a body of another type", () => ctx.request("/api/surveys", { as: "manager", body: "title=x", headers: { "content-type": "text/plain" } })],
      ["a body over the limit", () => ctx.request("/api/auth/login", { body: { email: "x".repeat(70 * 1024), password: PASSWORD } })],
      ["a survey link that does not exist", () => ctx.request("/api/public/invitations/not-a-token")],
      ["the reference page where the web app is not built", () => ctx.request("/api/docs")],
    ];
    const seen = new Set<string>();
    for (const [what, call] of failing) {
      const res = await call();
      expect(res.headers.get("content-type"), what).toMatch(/^application\/problem\+json/);
      expect(res.json?.type, what).toMatch(/^\/api\/problems\/[a-z-]+$/);
      const described = await ctx.request(res.json.type);
      expect(described.status, `${what}: ${res.json.type} is not in the catalogue`).toBe(200);
      expect(described.json.status, what).toBe(res.status);
      expect(res.json.title, what).toBe(described.json.title);
      seen.add(res.json.type);
    }
    // The calls above reach most of the catalogue, so a new kind of problem cannot slip in unlisted.
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });
});
