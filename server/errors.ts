// One error vocabulary for services and the single translator to RFC 9457 problem+json.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export class BadRequest extends AppError {
  constructor(detail: string) {
    super(400, "Bad request", detail);
  }
}
export class Unauthorized extends AppError {
  constructor(detail = "Sign in to continue.") {
    super(401, "Unauthorized", detail);
  }
}
export class Forbidden extends AppError {
  constructor(detail = "Your role does not allow this.") {
    super(403, "Forbidden", detail);
  }
}
export class NotFound extends AppError {
  constructor(detail = "Not found.") {
    super(404, "Not found", detail);
  }
}
export class Conflict extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, "Conflict", detail, extra);
  }
}
export class Gone extends AppError {
  constructor(detail: string) {
    super(410, "Gone", detail);
  }
}
export class PayloadTooLarge extends AppError {
  constructor(detail: string) {
    super(413, "Payload too large", detail);
  }
}
export class TooManyRequests extends AppError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, "Too many requests", detail, { retryAfter: retryAfterSeconds }, { "retry-after": String(retryAfterSeconds) });
  }
}
export class UnsupportedMediaType extends AppError {
  constructor(detail = "Send a JSON body with Content-Type: application/json.") {
    super(415, "Unsupported media type", detail);
  }
}
export class Invalid extends AppError {
  constructor(detail: string, readonly errors: FieldError[]) {
    super(422, "Invalid request", detail, { errors });
  }
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

export function toProblem(err: unknown, c: Context): Response {
  const instance = new URL(c.req.url).pathname;
  // Through the context, so headers middleware set before the error (security headers) go out with it.
  const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    c.body(JSON.stringify({ type: "about:blank", status, ...body }), status as ContentfulStatusCode, { "content-type": "application/problem+json", ...headers });
  if (err instanceof AppError) {
    return problem(err.status, { title: err.title, detail: err.message, instance, ...err.extra }, err.headers);
  }
  if (err instanceof HTTPException) {
    return problem(err.status, { title: err.message || "Request rejected", detail: err.message, instance });
  }
  const requestId = c.get("requestId" as never) as string | undefined;
  console.error(`[${requestId ?? "-"}] unexpected error on ${c.req.method} ${instance}`, err);
  return problem(500, {
    title: "Internal server error",
    detail: "Something went wrong on our side. The request id helps us find it.",
    instance,
    requestId,
  });
}
