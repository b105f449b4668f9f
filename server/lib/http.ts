// Request checks shared outside the routers' own validation: plain-word messages and field errors from zod.
import type { z } from "zod";
import type { Context } from "hono";
import { BadRequest, Invalid, UnsupportedMediaType, type FieldError } from "../errors";
import { describeProblems } from "./describe-problems";
import { jsonPointer } from "../domain/json-pointer";

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: jsonPointer(issue.path), message: issue.message }));
}

// "delayMinutes" → "delay minutes"; used only when a schema forgot its own message.
function fieldLabel(path: readonly PropertyKey[], what: string): string {
  const key = [...path].reverse().find((p) => typeof p === "string");
  if (typeof key !== "string") return `the ${what}`;
  return `“${key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}”`;
}

/** Lower precedence than any message a schema states, so it only stands in for zod's developer-speak. */
export const plainFallback = (what: string) => (issue: { code?: string; input?: unknown; path?: PropertyKey[] }) => {
  const label = fieldLabel(issue.path ?? [], what);
  if (issue.code === "invalid_type" && issue.input === undefined) return `Enter ${label}.`;
  return `Check ${label}: it is not in a form we can use.`;
};

export function check<T extends z.ZodType>(schema: T, value: unknown, what = "request"): z.infer<T> {
  const parsed = schema.safeParse(value, { error: plainFallback(what) });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw new Invalid(describeProblems(errors), errors);
  }
  return parsed.data;
}

// TRANSITION: routers not yet written as OpenAPI routes parse with these; removed once none does.
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new UnsupportedMediaType();
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequest("The request body is not valid JSON.");
  }
  return check(schema, body, "request body");
}

export function query<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return check(schema, c.req.query(), "query string");
}
