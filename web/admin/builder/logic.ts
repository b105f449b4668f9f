// Show-if logic without expressions: one condition on an earlier question, written as the SurveyJS expression
// survey-core evaluates and read back from exactly that shape, so a manager never has to see the expression.
import { localized, rateItems } from "../../../server/domain/survey-texts";
import { isJsonObject, walkElements, type JsonObject } from "../../../server/domain/survey-elements";

export type Operator = "is" | "isNot" | "atMost" | "atLeast" | "oneOf";
export type ConditionValue = string | number | boolean | (string | number)[];
export type Condition = { question: string; op: Operator; value: ConditionValue };

const SYMBOLS: Record<Exclude<Operator, "oneOf">, string> = { is: "=", isNot: "<>", atMost: "<=", atLeast: ">=" };
const OPERATOR_OF: Record<string, Operator> = { "=": "is", "<>": "isNot", "<=": "atMost", ">=": "atLeast", anyof: "oneOf" };

/**
 * Whether survey-core can find a question by this name in an expression: anything goes between the braces except
 * braces, and a "[" is read as an index into a dynamic panel or matrix.
 */
export const canReference = (name: string) => name.trim() !== "" && !/[{}[]/.test(name);

/**
 * Whether a text can be written as an expression's string: a quote is escaped with a backslash, which also makes
 * a backslash just before the closing quote impossible to write.
 */
const canWrite = (value: string | number | boolean) => (typeof value === "number" ? Number.isFinite(value) : typeof value !== "string" || !value.endsWith("\\"));

/** Whether the condition can be written as an expression survey-core reads back as meant. */
export function isWritable(c: Condition): boolean {
  if (!canReference(c.question)) return false;
  if (c.op === "oneOf") return Array.isArray(c.value) && c.value.every(canWrite);
  if (Array.isArray(c.value)) return false;
  if (c.op === "atMost" || c.op === "atLeast") return typeof c.value === "number" && canWrite(c.value);
  return canWrite(c.value);
}

function literal(value: string | number | boolean): string {
  if (typeof value === "string") return `'${value.replace(/['"]/g, "\\$&")}'`;
  return String(value);
}

/** `{nps} <= 6`, `{channel} = 'phone'`, `{topics} anyof ['a', 'b']`; throws for a condition that cannot be written (see isWritable). */
export function conditionToExpression(c: Condition): string {
  if (!isWritable(c)) throw new Error(`This condition cannot be written as an expression: ${JSON.stringify(c)}`);
  const subject = `{${c.question}}`;
  if (c.op === "oneOf") return `${subject} anyof [${(c.value as (string | number)[]).map(literal).join(", ")}]`;
  return `${subject} ${SYMBOLS[c.op]} ${literal(c.value as string | number | boolean)}`;
}

// ---- reading back --------------------------------------------------------------------------------------------

type Cursor = { text: string; at: number };

const skipSpace = (cur: Cursor) => {
  while (cur.at < cur.text.length && /\s/.test(cur.text[cur.at]!)) cur.at++;
};

function readString(cur: Cursor): string | null {
  let out = "";
  cur.at++; // the opening quote
  while (cur.at < cur.text.length) {
    const ch = cur.text[cur.at]!;
    const next = cur.text[cur.at + 1];
    if (ch === "\\" && (next === "'" || next === '"')) {
      out += next;
      cur.at += 2;
    } else if (ch === "'") {
      cur.at++;
      return out;
    } else if (ch === '"') {
      return null; // survey-core refuses an unescaped double quote in a string
    } else {
      out += ch;
      cur.at++;
    }
  }
  return null;
}

function readScalar(cur: Cursor): string | number | boolean | null {
  skipSpace(cur);
  if (cur.text[cur.at] === "'") return readString(cur);
  const word = /^(?:-?\d+(?:\.\d+)?|true|false)(?![\w.])/.exec(cur.text.slice(cur.at));
  if (!word) return null;
  cur.at += word[0].length;
  if (word[0] === "true") return true;
  if (word[0] === "false") return false;
  return Number(word[0]);
}

function readList(cur: Cursor): (string | number)[] | null {
  skipSpace(cur);
  if (cur.text[cur.at] !== "[") return null;
  cur.at++;
  const items: (string | number)[] = [];
  skipSpace(cur);
  if (cur.text[cur.at] === "]") {
    cur.at++;
    return items;
  }
  for (;;) {
    const item = readScalar(cur);
    if (item === null || typeof item === "boolean") return null;
    items.push(item);
    skipSpace(cur);
    const ch = cur.text[cur.at++];
    if (ch === "]") return items;
    if (ch !== ",") return null;
  }
}

/** The condition an expression written by conditionToExpression stands for (whatever its spacing); null for any other expression. */
export function expressionToCondition(expression: string): Condition | null {
  const cur: Cursor = { text: expression, at: 0 };
  skipSpace(cur);
  const subject = /^\{([^{}]*)\}/.exec(cur.text.slice(cur.at));
  if (!subject) return null;
  const question = subject[1]!.trim();
  cur.at += subject[0].length;
  skipSpace(cur);
  const symbol = /^(?:<>|<=|>=|=|anyof(?=[\s[]))/.exec(cur.text.slice(cur.at));
  if (!symbol) return null;
  cur.at += symbol[0].length;
  const op = OPERATOR_OF[symbol[0]]!;
  const value = op === "oneOf" ? readList(cur) : readScalar(cur);
  if (value === null) return null;
  skipSpace(cur);
  if (cur.at !== cur.text.length) return null;
  const condition: Condition = { question, op, value };
  return isWritable(condition) ? condition : null;
}

// ---- the questions a condition can be about ------------------------------------------------------------------

/** How a question's answer can be compared: on a scale, against one choice, against several, or yes/no. */
export type SourceKind = "rating" | "choice" | "choices" | "boolean";

export type ValueOption = { value: string | number | boolean; label: string };

export type Source = { name: string; title: string; kind: SourceKind; values: ValueOption[]; element: JsonObject };

const CHOICE_TYPES: Record<string, SourceKind> = { radiogroup: "choice", dropdown: "choice", checkbox: "choices", tagbox: "choices" };

function choiceOptions(choices: unknown): ValueOption[] {
  if (!Array.isArray(choices)) return [];
  return choices.flatMap((c): ValueOption[] => {
    if (typeof c === "string" || typeof c === "number") return [{ value: c, label: String(c) }];
    if (isJsonObject(c) && (typeof c.value === "string" || typeof c.value === "number")) return [{ value: c.value, label: localized(c.text) || String(c.value) }];
    return [];
  });
}

/** The question as a condition's source, or null when its answer is not one a simple condition can compare. */
export function sourceOf(element: JsonObject): Source | null {
  if (typeof element.name !== "string" || !canReference(element.name)) return null;
  const title = localized(element.title) || element.name;
  const base = { name: element.name.trim(), title, element };
  if (element.type === "rating") {
    const items = rateItems(element);
    if (!items) return null;
    const values = items.map((i) => {
      const text = localized(i.text);
      return { value: i.value, label: text && text !== String(i.value) ? `${i.value} – ${text}` : String(i.value) };
    });
    return { ...base, kind: "rating", values: values.filter((o) => canWrite(o.value)) };
  }
  if (element.type === "boolean") {
    return { ...base, kind: "boolean", values: [{ value: true, label: localized(element.labelTrue) || "Yes" }, { value: false, label: localized(element.labelFalse) || "No" }] };
  }
  const kind = typeof element.type === "string" ? CHOICE_TYPES[element.type] : undefined;
  return kind ? { ...base, kind, values: choiceOptions(element.choices).filter((o) => canWrite(o.value)) } : null;
}

/** The questions before `questionName` in page order that a condition can be about. */
export function sourcesBefore(definition: JsonObject, questionName: string): Source[] {
  const found: Source[] = [];
  let reached = false;
  walkElements(definition, {
    element(el) {
      if (reached) return false;
      if (el.name === questionName && el.type !== "panel") {
        reached = true;
        return false;
      }
      const source = sourceOf(el);
      if (source) found.push(source);
      return undefined;
    },
  });
  return found;
}

export const operatorLabels: Record<SourceKind, Partial<Record<Operator, string>>> = {
  rating: { is: "is", isNot: "is not", atMost: "is at most", atLeast: "is at least" },
  choice: { is: "is", isNot: "is not", oneOf: "is one of" },
  choices: { oneOf: "includes any of" },
  boolean: { is: "is" },
};

/** The operators a source offers, in the order a menu shows them. */
export const operatorsFor = (kind: SourceKind) => Object.keys(operatorLabels[kind]) as Operator[];

/** A sensible first condition on a source: at most 6 for NPS (its detractors), the lower half of other scales, else the first answer. */
export function defaultCondition(source: Source): Condition {
  const first = source.values[0]?.value ?? "";
  switch (source.kind) {
    case "rating": {
      const numbers = source.values.map((v) => v.value).filter((v): v is number => typeof v === "number");
      if (numbers.length !== source.values.length || numbers.length === 0) return { question: source.name, op: "is", value: first as string };
      const value = source.element.metric === "nps" && numbers.includes(6) ? 6 : numbers[Math.floor((numbers.length - 1) / 2)]!;
      return { question: source.name, op: "atMost", value };
    }
    case "boolean":
      return { question: source.name, op: "is", value: true };
    case "choices":
      return { question: source.name, op: "oneOf", value: typeof first === "boolean" ? [] : [first] };
    case "choice":
      return { question: source.name, op: "is", value: first };
  }
}

// ---- in words -------------------------------------------------------------------------------------------------

function findElement(definition: JsonObject, name: string): JsonObject | undefined {
  let found: JsonObject | undefined;
  walkElements(definition, {
    element(el) {
      if (found) return false;
      if (typeof el.name === "string" && el.name.trim() === name && el.type !== "panel") found = el;
      return undefined;
    },
  });
  return found;
}

const shorten = (text: string, max = 60) => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`);

const orList = (words: string[]) => (words.length <= 1 ? (words[0] ?? "nothing") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`);

/** "when “How likely…?” is at most 6", with the question's title and the answers' texts. */
export function describeCondition(c: Condition, definition: JsonObject): string {
  const element = findElement(definition, c.question);
  const source = element ? sourceOf(element) : null;
  const subject = `“${shorten(source?.title ?? c.question)}”`;
  const word = (v: string | number | boolean) => {
    const option = source?.values.find((o) => o.value === v || String(o.value) === String(v));
    if (typeof v === "boolean") return option?.label ?? (v ? "yes" : "no");
    if (source?.kind === "rating" && typeof v === "number") return String(v);
    return `“${option?.label ?? String(v)}”`;
  };
  const opWord = (source && operatorLabels[source.kind][c.op]) ?? operatorLabels.rating[c.op] ?? operatorLabels.choice[c.op]!;
  const value = Array.isArray(c.value) ? orList(c.value.map(word)) : word(c.value);
  return `when ${subject} ${opWord} ${value}`;
}

// ---- writing it into the definition --------------------------------------------------------------------------

/** A copy of the definition whose question `questionName` shows only when `expression` holds (always, for null). */
export function withVisibleIf(definition: JsonObject, questionName: string, expression: string | null): JsonObject {
  const copy = structuredClone(definition);
  const element = findElement(copy, questionName);
  if (!element) return definition;
  if (expression) element.visibleIf = expression;
  else delete element.visibleIf;
  return copy;
}

/** The question's `visibleIf` as written, or "" when it always shows. */
export function visibleIfOf(definition: JsonObject, questionName: string): string {
  const value = findElement(definition, questionName)?.visibleIf;
  return typeof value === "string" ? value.trim() : "";
}
