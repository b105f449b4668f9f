// Pure helpers behind the JSON editor: parse errors with a position, the question list, metric rewrites.
import { pointerTokens } from "../../../server/domain/json-pointer";
import type { MetricRole } from "../../../server/domain/metric-roles";
import { isJsonObject, walkElements, type JsonObject } from "../../../server/domain/survey-elements";

export type { JsonObject };

export type ParseResult =
  | { ok: true; value: JsonObject }
  | { ok: false; message: string; line: number; column: number; offset: number };

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

// Engines word JSON.parse errors differently: V8 gives a position (and lately line and column),
// Firefox gives line and column, Safari neither. Take whatever is there.
function locate(text: string, message: string): { line: number; column: number; offset: number } {
  const lineCol = /line (\d+) column (\d+)/i.exec(message);
  if (lineCol) {
    const line = Number(lineCol[1]);
    const column = Number(lineCol[2]);
    return { line, column, offset: offsetOf(text, line, column) };
  }
  const position = /position (\d+)/i.exec(message);
  const offset = position ? Math.min(Number(position[1]), text.length) : text.length;
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n"), offset };
}

function tidy(message: string): string {
  return message
    .replace(/^JSON\.parse: /, "")
    .replace(/ at line \d+ column \d+ of the JSON data$/, "")
    .replace(/,? ?(?:in JSON )?at position \d+(?: \(line \d+ column \d+\))?$/, "")
    .replace(/^./, (c) => c.toUpperCase());
}

export function parseDefinition(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    return { ok: false, message: tidy(raw), ...locate(text, raw) };
  }
  if (!isJsonObject(value)) return { ok: false, message: "A survey must be a JSON object: { … }", line: 1, column: 1, offset: 0 };
  return { ok: true, value };
}

export const formatDefinition = (definition: unknown) => JSON.stringify(definition, null, 2);

export type QuestionEntry = { pointer: string; name: string; type: string; title: string; metric: string };

/** Every named element except panels, in page order, with the JSON pointer of its object. */
export function listQuestions(definition: JsonObject): QuestionEntry[] {
  const found: QuestionEntry[] = [];
  walkElements(definition, {
    element(el, { pointer }) {
      const type = typeof el.type === "string" ? el.type : "";
      if (type === "panel" || typeof el.name !== "string") return;
      const title = typeof el.title === "string" ? el.title : "";
      found.push({ pointer, name: el.name, type, title, metric: typeof el.metric === "string" ? el.metric : "" });
    },
  });
  return found;
}

function resolve(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isJsonObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** A copy of the definition with the element at `pointer` given `metric` (or none when empty). */
export function withMetric(definition: JsonObject, pointer: string, metric: MetricRole | ""): JsonObject {
  const copy = structuredClone(definition);
  const element = resolve(copy, pointer);
  if (!isJsonObject(element)) return definition;
  if (metric) element.metric = metric;
  else delete element.metric;
  return copy;
}

/** Where the value at `pointer` sits in the JSON text, so a server error can select what it is about. */
export function rangeAt(text: string, pointer: string): { start: number; end: number } | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === "{" || c === "[") {
      let depth = 0;
      do {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === "{" || d === "[") depth++;
        else if (d === "}" || d === "]") depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  for (const token of pointerTokens(pointer)) {
    ws();
    if (text[i] === "{") {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') return null;
        const keyStart = i;
        skipString();
        const key: unknown = JSON.parse(text.slice(keyStart, i));
        ws();
        i++; // the colon
        if (key === token) break;
        skipValue();
        ws();
        if (text[i] !== ",") return null;
        i++;
      }
    } else if (text[i] === "[") {
      i++;
      const index = Number(token);
      if (!Number.isInteger(index) || index < 0) return null;
      for (let k = 0; k < index; k++) {
        skipValue();
        ws();
        if (text[i] !== ",") return null;
        i++;
      }
      ws();
      if (text[i] === "]") return null;
    } else {
      return null;
    }
  }
  ws();
  const start = i;
  skipValue();
  return start < text.length ? { start, end: i } : null;
}
