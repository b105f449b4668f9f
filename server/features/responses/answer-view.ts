// A response's answers as the customer saw them: each question's title and its answer in words, in survey order.
import { isJsonObject, walkElements, type JsonObject } from "../../domain/survey-elements";

export type AnswerView = { question: string; title: string; type: string; value: unknown; text: string };

// Titles and choice texts may be localised ({ default, fr, … }); the default is what the survey was written in.
function localText(v: unknown): string {
  if (typeof v === "string") return v.trim();
  if (isJsonObject(v) && typeof v.default === "string") return v.default.trim();
  return "";
}

/** Choice value → text; SurveyJS also reads a bare "value|text" string as a choice. */
function choiceTexts(el: JsonObject): Map<unknown, string> {
  const texts = new Map<unknown, string>();
  const lists = [el.choices, el.rateValues, el.columns].filter(Array.isArray) as unknown[][];
  for (const list of lists) {
    for (const c of list) {
      if (isJsonObject(c) && c.value !== undefined) texts.set(c.value, localText(c.text) || String(c.value));
      else if (typeof c === "string" && c.includes("|")) texts.set(c.slice(0, c.indexOf("|")), c.slice(c.indexOf("|") + 1));
    }
  }
  if (el.showOtherItem || el.hasOther) texts.set("other", localText(el.otherText) || "Other");
  if (el.showNoneItem || el.hasNone) texts.set("none", localText(el.noneText) || "None");
  return texts;
}

function inWords(el: JsonObject, value: unknown): string {
  if (el.type === "boolean" && typeof value === "boolean") {
    return value ? localText(el.labelTrue) || "Yes" : localText(el.labelFalse) || "No";
  }
  const texts = choiceTexts(el);
  const one = (v: unknown): string => texts.get(v) ?? (typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v));
  if (Array.isArray(value)) return value.map(one).join(", ");
  return one(value);
}

/** Every answered question of `definition` in `data`, with an "other" or comment text beside the answer it explains. */
export function answersOf(definition: JsonObject, data: Record<string, unknown>): AnswerView[] {
  const found: AnswerView[] = [];
  const seen = new Set<string>();
  walkElements(definition, {
    element(el) {
      if (typeof el.name !== "string" || typeof el.type !== "string") return;
      const key = typeof el.valueName === "string" && el.valueName ? el.valueName : el.name;
      if (seen.has(key) || !(key in data)) return;
      seen.add(key);
      const title = localText(el.title) || el.name;
      const value = data[key];
      found.push({ question: el.name, title, type: el.type, value, text: inWords(el, value) });
      const extra = data[`${key}-Comment`];
      if (typeof extra === "string" && extra.trim()) {
        found.push({ question: `${el.name}-Comment`, title: `${title} (in their words)`, type: "comment", value: extra, text: extra.trim() });
        seen.add(`${key}-Comment`);
      }
    },
  });
  // Answers to questions the version no longer names (an import mapped to old names) are still shown.
  for (const [key, value] of Object.entries(data)) {
    if (!seen.has(key)) found.push({ question: key, title: key, type: "unknown", value, text: inWords({}, value) });
  }
  return found;
}
