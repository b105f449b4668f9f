// The one way a list of field errors becomes the `detail` sentence people read.
import type { FieldError } from "../errors";

const MAX_LISTED = 5;

/** The `detail` people read: one problem is its own message, several are listed in order. */
export function describeProblems(errors: FieldError[]): string {
  const messages = [...new Set(errors.map((e) => e.message.trim().replace(/[.;:\s]+$/, "")))];
  if (messages.length === 0) return "Check the request and try again.";
  if (messages.length === 1) return `${messages[0]}.`;
  // A batch of a thousand bad items would otherwise make a detail nobody reads; errors[] keeps them all.
  const shown = messages.length > MAX_LISTED ? [...messages.slice(0, MAX_LISTED), `and ${messages.length - MAX_LISTED} more`] : messages;
  return `Fix ${messages.length} things: ${shown.join("; ")}.`;
}
