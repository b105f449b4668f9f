// Plain-word messages and field errors from zod, for the routers' validation hook and any other input checked by hand.
import type { z } from "zod";
import { Invalid, type FieldError } from "../errors";
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

