// HTTP contract of the API's own description: health, the problem catalogue, the OpenAPI document's metadata
// and the interactive reference page.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { NotFound, problemTypeUri, problemTypes, type ProblemSlug } from "../../errors";
import { createRouter, json, problems, security, z } from "../../lib/openapi";

const problemTypeSchema = z
  .object({
    type: z.string().openapi({ example: problemTypeUri("invalid-request") }),
    status: z.number().int().openapi({ example: 422 }),
    title: z.string().openapi({ example: problemTypes["invalid-request"].title }),
    description: z.string(),
  })
  .openapi("ProblemType");

const slugs = Object.keys(problemTypes) as ProblemSlug[];
const describe = (slug: ProblemSlug) => ({ type: problemTypeUri(slug), ...problemTypes[slug] });

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["Reference"],
  summary: "Is the API up",
  security: security.none,
  responses: { 200: json(z.object({ ok: z.literal(true) }), "The API answers."), ...problems() },
});

const listProblemTypes = createRoute({
  method: "get",
  path: "/problems",
  tags: ["Reference"],
  summary: "Every kind of problem the API answers with",
  description: "Each problem's `type` is one of these URIs; switch on it rather than on `title` or `detail`.",
  security: security.none,
  responses: { 200: json(z.object({ items: z.array(problemTypeSchema) }), "The catalogue."), ...problems() },
});

const getProblemType = createRoute({
  method: "get",
  path: "/problems/{slug}",
  tags: ["Reference"],
  summary: "One kind of problem",
  security: security.none,
  request: { params: z.object({ slug: z.string().openapi({ example: "invalid-request" }) }) },
  responses: { 200: json(problemTypeSchema, "What this problem means and what to do."), ...problems("not-found") },
});

const docs = createRoute({
  method: "get",
  path: "/docs",
  tags: ["Reference"],
  summary: "This reference, as an interactive page",
  security: security.none,
  responses: { 200: { description: "An HTML page.", content: { "text/html": { schema: z.string() } } }, ...problems("not-found") },
});

// Served by the app itself, which alone knows every router's routes; described here with its neighbours.
const openApiDocument = createRoute({
  method: "get",
  path: "/openapi.json",
  tags: ["Reference"],
  summary: "This API's description, as an OpenAPI 3.1 document",
  description: "Generated from the route definitions, so it always matches what the server validates and answers.",
  security: security.none,
  responses: {
    200: json(z.object({ openapi: z.string().openapi({ example: "3.1.0" }) }).passthrough().openapi("OpenApiDocument"), "The document."),
    ...problems(),
  },
});

export const documentRoutes = (docsPage: ((c: Context) => Response | Promise<Response>) | undefined) => {
  const router = createRouter()
    .openapi(health, (c) => c.json({ ok: true as const }, 200))
    .openapi(listProblemTypes, (c) => c.json({ items: slugs.map(describe) }, 200))
    .openapi(getProblemType, (c) => {
      const slug = c.req.valid("param").slug;
      if (!(slug in problemTypes)) throw new NotFound(`There is no problem type “${slug}”; GET /api/problems lists them.`);
      return c.json(describe(slug as ProblemSlug), 200);
    })
    .openapi(docs, async (c) => {
      if (!docsPage) throw new NotFound("The API reference page is not built here; the document is at /api/openapi.json.");
      return docsPage(c) as never;
    });
  router.openAPIRegistry.registerPath(openApiDocument);
  return router;
};
