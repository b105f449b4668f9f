// Interaction facts piped into a survey's texts as SurveyJS placeholders; the respondent page sets them as variables
// from the invitation (see pipeInteraction in web/respond/survey-page.ts).
export const pipedFields = [
  { name: "customerName", label: "Customer's name" },
  { name: "unitName", label: "Service unit" },
  { name: "agentName", label: "Staff member" },
  { name: "interactionDate", label: "Date of the interaction" },
] as const;

export type PipedField = (typeof pipedFields)[number];
export type PipedFieldName = PipedField["name"];

export const placeholderOf = (name: PipedFieldName) => `{${name}}`;

/** `value` with `text` in place of its characters from `start` to `end`, and where the caret goes after it. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const from = Math.max(0, Math.min(start, end, value.length));
  const to = Math.min(Math.max(start, end), value.length);
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}

export type PipedPart = { kind: "text"; text: string } | { kind: "field"; name: PipedFieldName; label: string };

const PLACEHOLDER = /\{\s*(customerName|unitName|agentName|interactionDate)\s*\}/g;

/** The text cut into plain runs and the interaction fields it pipes in, for showing placeholders as chips. */
export function describePiped(text: string): PipedPart[] {
  const parts: PipedPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    const field = pipedFields.find((f) => f.name === match[1])!;
    parts.push({ kind: "field", name: field.name, label: field.label });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** The same in plain words: "Hello [Customer's name]", for places a chip cannot go (an accessible name, a title attribute). */
export const pipedWords = (text: string) => describePiped(text).map((p) => (p.kind === "text" ? p.text : `[${p.label}]`)).join("");
