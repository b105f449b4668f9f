// The contract every router is written in: zod schemas per route (input, output, problems) that both validate
// requests and generate the OpenAPI document, and a validation hook that answers in this API's plain words.
import { OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import type { AppEnv } from "../app";
import { Invalid, UnsupportedMediaType, problemTypeUri, problemTypes, type ProblemSlug } from "../errors";
import { describeProblems } from "./describe-problems";
import { fieldErrors, plainFallback } from "./http";

// zod's own wording ("Invalid input: expected string") never reaches a person: where a schema states no
// message of its own, this names the field instead. A schema's message, or one given at parse time, wins.
z.config({ customError: plainFallback("request") });

export function invalidFrom(error: ZodError): Invalid {
  const errors = fieldErrors(error);
  return new Invalid(describeProblems(errors), errors);
}

type ValidationResult = { target: string } & ({ success: true } | { success: false; error: ZodError });

/** What every route answers when validation fails; a route's own hook handles its special cases, then calls this. */
export function rejectInvalid(result: ValidationResult, c: Context): undefined {
  if (result.success) return undefined;
  // A body sent without a JSON content type is read as {}; say what is wrong with it, not which fields are missing.
  if (result.target === "json" && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
    throw new UnsupportedMediaType();
  }
  throw invalidFrom(result.error);
}

/** A router whose failed validations become 422 problems with field errors, as every endpoint answers. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
}

export const problemSchema = z
  .object({
    type: z.string().openapi({ description: "A stable URI reference naming the kind of problem; see /api/problems.", example: problemTypeUri("invalid-request") }),
    status: z.number().int(),
    title: z.string(),
    detail: z.string().openapi({ description: "What went wrong and what to do, in words a person can act on." }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string().openapi({ example: "/title" }), message: z.string().openapi({ example: "Enter a title for the survey." }) }))
      .optional()
      .openapi({ description: "For invalid-request: each wrong field, as a JSON Pointer into the request." }),
    retryAfter: z.number().int().optional().openapi({ description: "For too-many-requests: seconds to wait." }),
    requestId: z.string().optional(),
  })
  .passthrough()
  .openapi("Problem", { description: "An RFC 9457 problem details object (`application/problem+json`)." });

// The problems any route may answer, whatever it does: a malformed request, a limit, our own failure.
const alwaysPossible: ProblemSlug[] = ["too-many-requests", "internal-error"];

// What each kind of problem looks like on the wire, for the reference's examples; the `detail` is made up.
const exampleDetails: Record<ProblemSlug, string> = {
  "bad-request": "The request body is not valid JSON.",
  unauthorized: "Sign in to continue.",
  forbidden: "Your role does not allow this.",
  "not-found": "No survey with that id in your organisation.",
  conflict: "Nothing changed since version 2; edit the survey before publishing again.",
  gone: "This survey has closed and no longer takes answers.",
  "payload-too-large": "The request body is larger than 64 KB, the most this endpoint accepts. Send less data in one request.",
  "unsupported-media-type": "Send a JSON body with Content-Type: application/json.",
  "invalid-request": "Enter a title for the survey.",
  "too-many-requests": "Too many failed sign-in attempts. Try again in 30 seconds.",
  "internal-error": "Something went wrong on our side. The request id helps us find it.",
  "server-misconfigured": "Set the APP_SECRET secret (32+ random characters): it signs survey links and must not change.",
  "not-configured": "Delivery events are not set up here: set RESEND_WEBHOOK_SECRET to the signing secret of your Resend webhook.",
};

const exampleProblem = (slug: ProblemSlug) => ({
  type: problemTypeUri(slug),
  status: problemTypes[slug].status,
  title: problemTypes[slug].title,
  detail: exampleDetails[slug],
  ...(slug === "invalid-request" && { errors: [{ path: "/title", message: "Enter a title for the survey." }] }),
  ...(slug === "too-many-requests" && { retryAfter: 30 }),
  ...(slug === "internal-error" && { requestId: "5f0c2a9e-…" }),
});

type ProblemResponse = {
  description: string;
  content: { "application/problem+json": { schema: typeof problemSchema; example: ReturnType<typeof exampleProblem> } };
};

/** Response entries for the problems a route can answer, each described by its catalogue entry. */
export function problems(...slugs: ProblemSlug[]) {
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of [...slugs, ...alwaysPossible]) {
    const status = problemTypes[slug].status;
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), slug])]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.map((s) => `${problemTypes[s].title} (\`${problemTypeUri(s)}\`): ${problemTypes[s].description}`).join(" "),
        content: {
          "application/problem+json": {
            schema: problemSchema,
            // One example per status: the description names every kind it stands for.
            example: exampleProblem(list[0]!),
          },
        },
      },
    ]),
  ) as Record<number, ProblemResponse>;
}

/** A required JSON request body (anything else is a 415, unreadable JSON a 400, a wrong shape a 422). */
export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true as const,
  ...(description && { description }),
  content: { "application/json": { schema } },
});

/** A JSON response entry. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });

/** Who may call a route, as OpenAPI security requirements (the schemes are registered with the document). */
export const security = {
  session: [{ session: [] }],
  apiKey: [{ apiKey: [] }],
  none: [],
} satisfies Record<string, RouteConfig["security"]>;

export { z };

/** The two ways to call the API, as the document's security schemes. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "rapport_session",
    description:
      "The admin app's session, set by POST /api/auth/login. Writes with it must come from the app's own origin (an `Origin` header naming it).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An organisation's API key (Settings → API keys), sent as `Authorization: Bearer <key>`. Used by integrations to post interactions.",
  });
}

/** The document's top level; paths and schemas come from the routes. */
export function apiDescription(origin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Rapport API",
      version: "1",
      description: [
        "Customer-satisfaction surveys after service interactions: post interactions, and Rapport invites the customer,",
        "collects the answer and turns it into satisfaction indices.",
        "",
        "Every error is an RFC 9457 problem (`application/problem+json`) whose `type` is one of the URIs listed at",
        "`GET /api/problems`. Lists are paged with `?limit=&cursor=` and answer `{ items, nextCursor }`.",
        "",
        "Integrations call `POST /api/interactions` with an API key (`Authorization: Bearer <key>`). The admin app's",
        "endpoints take its session cookie; the respondent page's, under `/api/public/`, take the survey link's token.",
        "To try a call on the reference page (`/api/docs`), sign in to the admin app in the same browser, or choose",
        "**Authorize** and enter an API key.",
      ].join("\n"),
    },
    servers: [{ url: origin }],
    tags: [
      { name: "Interactions", description: "What integrations post after each service interaction." },
      { name: "Surveys", description: "Drafts, published versions and their distribution rules." },
      { name: "Analytics", description: "Satisfaction indices for reviewers." },
      { name: "Imports", description: "History from another survey tool: responses imported with their own dates." },
      { name: "Respondents", description: "The public survey link a customer opens." },
      { name: "Kiosks", description: "A unit's counter link, `/k/<slug>`, that walk-in customers answer anonymously." },
      { name: "KPIs", description: "Targets on the figures, each with its status for the review period, judged with its uncertainty." },
      { name: "Benchmarks", description: "Competitors' and the industry's figures, entered by hand or imported from CSV, each with its source and date." },
      { name: "Scorecards", description: "One staff member's own figures, trend and comments." },
      { name: "Cases", description: "Follow-up cases: a low score or a complaint, owned, due by an SLA, and closed with the customer told the outcome." },
      { name: "Review packs", description: "A period's service-quality review: frozen figures, discussion, conclusions and action items." },
      { name: "Sign-in and accounts", description: "Sessions, invitations and passwords." },
      { name: "People", description: "Who belongs to the organisation and with which role." },
      { name: "API keys", description: "The keys integrations call the API with; admins create and revoke them." },
      { name: "Suppressions", description: "Addresses the organisation does not email: unsubscribed, bounced, complained or added by hand." },
      { name: "Webhooks", description: "Events the mail provider posts about the emails it delivered, signed with a shared secret." },
      { name: "Development", description: "The dev mailbox: without a mail provider, the email Rapport would have sent." },
      { name: "Reference", description: "This description and its problem catalogue." },
    ],
  };
}
