// One error vocabulary for services and the single translator to RFC 9457 problem+json.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";

export type FieldError = { path: string; message: string };

/**
 * Every kind of problem the API answers with. A problem's `type` is `/api/problems/<slug>`: a stable string
 * a client can switch on, and a link (relative to the API's origin) to the description below.
 */
export const problemTypes = {
  "bad-request": { status: 400, title: "Bad request", description: "The request could not be read, such as a body that is not valid JSON." },
  unauthorized: { status: 401, title: "Unauthorized", description: "Sign in (session cookie) or send a valid API key as `Authorization: Bearer <key>`." },
  forbidden: { status: 403, title: "Forbidden", description: "You are signed in, but your role does not allow this, or the request came from another site." },
  "not-found": { status: 404, title: "Not found", description: "Nothing with that id or link exists in your organisation." },
  conflict: { status: 409, title: "Conflict", description: "The request clashes with the current state, such as publishing an unchanged survey or answering a survey twice." },
  gone: { status: 410, title: "Gone", description: "It existed but is over: an expired survey link or a used one-time link." },
  "payload-too-large": { status: 413, title: "Payload too large", description: "The body is over this endpoint's limit; `detail` names the limit." },
  "unsupported-media-type": { status: 415, title: "Unsupported media type", description: "Send a JSON body with `Content-Type: application/json`." },
  "invalid-request": {
    status: 422,
    title: "Invalid request",
    description: "Some fields are wrong. `errors` lists each as a JSON Pointer `path` into the request and a `message` to show beside that field.",
  },
  "too-many-requests": { status: 429, title: "Too many requests", description: "Slow down: `retryAfter` (and the `Retry-After` header) say after how many seconds to try again." },
  "internal-error": { status: 500, title: "Internal server error", description: "Something failed on our side; `requestId` helps find it in the logs." },
  "server-misconfigured": { status: 500, title: "Server misconfigured", description: "The deployment is missing a setting; `detail` names it." },
  "not-configured": { status: 503, title: "Not configured", description: "This endpoint is switched off until the deployment sets what it needs; `detail` names the setting." },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemSlug = keyof typeof problemTypes;
export const problemTypeUri = (slug: ProblemSlug) => `/api/problems/${slug}`;

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly slug: ProblemSlug,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = problemTypes[slug].status;
    this.title = problemTypes[slug].title;
  }
}

export class BadRequest extends AppError {
  constructor(detail: string) {
    super("bad-request", detail);
  }
}
export class Unauthorized extends AppError {
  constructor(detail = "Sign in to continue.") {
    super("unauthorized", detail);
  }
}
export class Forbidden extends AppError {
  constructor(detail = "Your role does not allow this.") {
    super("forbidden", detail);
  }
}
export class NotFound extends AppError {
  constructor(detail = "Not found.") {
    super("not-found", detail);
  }
}
export class Conflict extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super("conflict", detail, extra);
  }
}
export class Gone extends AppError {
  constructor(detail: string) {
    super("gone", detail);
  }
}
export class PayloadTooLarge extends AppError {
  constructor(detail: string) {
    super("payload-too-large", detail);
  }
}
export class TooManyRequests extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super("too-many-requests", detail, { retryAfter: retryAfterSeconds }, { "retry-after": String(retryAfterSeconds) });
  }
}
export class UnsupportedMediaType extends AppError {
  constructor(detail = "Send a JSON body with Content-Type: application/json.") {
    super("unsupported-media-type", detail);
  }
}
export class NotConfigured extends AppError {
  constructor(detail: string) {
    super("not-configured", detail);
  }
}
export class Invalid extends AppError {
  constructor(detail: string, readonly errors: FieldError[]) {
    super("invalid-request", detail, { errors });
  }
}

const problemBody = (slug: ProblemSlug, body: Record<string, unknown>) =>
  JSON.stringify({ type: problemTypeUri(slug), status: problemTypes[slug].status, title: problemTypes[slug].title, ...body });

/** A problem built outside a request's context (a Worker that cannot start). */
export function problem(slug: ProblemSlug, body: { detail: string; instance?: string }, headers: Record<string, string> = {}) {
  return new Response(problemBody(slug, body), {
    status: problemTypes[slug].status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

// Hono's own rejections (its body validator, CSRF guard) in the words this API uses elsewhere.
function fromHttpException(err: HTTPException): AppError {
  if (err.status === 415) return new UnsupportedMediaType();
  if (err.status === 400 && /json/i.test(err.message)) return new BadRequest("The request body is not valid JSON.");
  if (err.status === 403) return new Forbidden(err.message || "This request is not allowed.");
  const slug = (Object.keys(problemTypes) as ProblemSlug[]).find((s) => problemTypes[s].status === err.status) ?? "bad-request";
  return new AppError(slug, err.message || problemTypes[slug].title);
}

export function toProblem(err: unknown, c: Context): Response {
  const instance = new URL(c.req.url).pathname;
  // Through the context, so headers middleware set before the error (security headers) go out with it.
  const reply = (slug: ProblemSlug, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    c.body(problemBody(slug, body), problemTypes[slug].status as ContentfulStatusCode, { "content-type": "application/problem+json", ...headers });
  const known = err instanceof HTTPException ? fromHttpException(err) : err;
  if (known instanceof AppError) {
    return reply(known.slug, { detail: known.message, instance, ...known.extra }, known.headers);
  }
  const requestId = c.get("requestId" as never) as string | undefined;
  console.error(`[${requestId ?? "-"}] unexpected error on ${c.req.method} ${instance}`, err);
  return reply("internal-error", { detail: "Something went wrong on our side. The request id helps us find it.", instance, requestId });
}
