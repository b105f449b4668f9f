// Request parsing shared by every router: JSON bodies and query strings checked with zod.
import type { Context } from "hono";
import type { z } from "zod";
import { BadRequest, Invalid, UnsupportedMediaType, type FieldError } from "../errors";

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: "/" + issue.path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/"),
    message: issue.message,
  }));
}

export function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Invalid(`The ${what} has ${parsed.error.issues.length} problem(s).`, fieldErrors(parsed.error));
  return parsed.data;
}

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
