// A survey's texts per language: every text a respondent sees, with a path to it, and translations written the way
// SurveyJS reads them: a plain string while there is only one language, `{ default, fr, … }` once there are more.
import { pointerTokens } from "../../../server/domain/json-pointer";
import { surveyLanguages } from "../../../server/domain/survey-languages";
import { isJsonObject, walkElements, type JsonObject } from "../../../server/domain/survey-elements";

/** One text: where it is (a JSON pointer), whose it is and what it is, its value as written and its default-language text. */
export type TextEntry = { path: string; group: string; label: string; value: unknown; text: string };

export const languagesOf = (definition: JsonObject) => surveyLanguages(definition);

const SURVEY_TEXTS: [string, string][] = [
  ["title", "Title"],
  ["description", "Description"],
  ["pagePrevText", "“Previous” button"],
  ["pageNextText", "“Next” button"],
  ["completeText", "“Submit” button"],
  ["completedHtml", "Thank-you page"],
];

const PAGE_TEXTS: [string, string][] = [
  ["title", "Title"],
  ["description", "Description"],
];

const ELEMENT_TEXTS: [string, string][] = [
  ["title", "Title"],
  ["description", "Description"],
  ["html", "Text"],
  ["placeholder", "Placeholder"],
  ["minRateDescription", "Label at the low end"],
  ["maxRateDescription", "Label at the high end"],
  ["labelTrue", "Label for yes"],
  ["labelFalse", "Label for no"],
  ["otherText", "“Other” answer"],
];

// Arrays of answers whose items are a value or { value, text }, with the word for one item.
const ITEM_LISTS: [string, string][] = [
  ["choices", "Answer"],
  ["rateValues", "Scale point"],
  ["rows", "Row"],
  ["columns", "Column"],
];

function defaultText(value: unknown): string {
  if (typeof value === "string") return value;
  if (!isJsonObject(value)) return "";
  const text = value.default ?? Object.values(value).find((v) => typeof v === "string");
  return typeof text === "string" ? text : "";
}

/** The text of `value` in `lang`, "" when it has none of its own (the default does not count). */
export function translationOf(value: unknown, lang: string): string {
  if (!isJsonObject(value)) return "";
  const text = value[lang];
  return typeof text === "string" ? text : "";
}

const shorten = (text: string, max = 48) => (text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`);

/** Every text a respondent sees, in page order; numbers (a scale's points, numeric answers) need no translating. */
export function localizableTexts(definition: JsonObject): TextEntry[] {
  const found: TextEntry[] = [];
  const add = (path: string, group: string, label: string, value: unknown, fallback = "") => {
    const text = defaultText(value) || (value === undefined ? fallback : "");
    if (text.trim()) found.push({ path, group, label, value, text });
  };
  for (const [key, label] of SURVEY_TEXTS) add(`/${key}`, "Survey", label, definition[key]);
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page: unknown, i) => {
      if (isJsonObject(page)) for (const [key, label] of PAGE_TEXTS) add(`/pages/${i}/${key}`, `Page ${i + 1}`, label, page[key]);
    });
  }
  walkElements(definition, {
    element(el, { pointer }) {
      const name = typeof el.name === "string" ? el.name : "";
      const isQuestion = el.type !== "panel" && el.type !== "html";
      const group = `${isQuestion ? "Question" : el.type === "panel" ? "Group" : "Text block"} “${shorten(defaultText(el.title) || name || String(el.type ?? ""))}”`;
      for (const [key, label] of ELEMENT_TEXTS) {
        // A question without a title shows its name, so that is the text to translate.
        add(`${pointer}/${key}`, group, label, el[key], key === "title" && isQuestion ? name : "");
      }
      for (const [list, word] of ITEM_LISTS) {
        const items = el[list];
        // Only a plain matrix's columns are answers; other matrices' columns are questions of their own.
        if (!Array.isArray(items) || (list === "columns" && el.type !== "matrix")) continue;
        items.forEach((item: unknown, i) => {
          const label = `${word} ${i + 1}`;
          if (typeof item === "string") add(`${pointer}/${list}/${i}/text`, group, label, undefined, item);
          else if (isJsonObject(item) && item.text !== undefined) add(`${pointer}/${list}/${i}/text`, group, label, item.text);
          else if (isJsonObject(item) && typeof item.value === "string") add(`${pointer}/${list}/${i}/text`, group, label, undefined, item.value);
        });
      }
      return undefined;
    },
  });
  return found;
}

/** The texts that have a default but nothing in `lang`. */
export const missingTranslations = (definition: JsonObject, lang: string) => localizableTexts(definition).filter((t) => !translationOf(t.value, lang).trim());

/**
 * A copy of the definition with `text` as the `lang` version of the text at `path` ("" removes it). A plain string
 * becomes `{ default, [lang] }`, and goes back to a plain string (or to no property, or a bare answer value, as it
 * was before) when only the default is left.
 */
export function setTranslation(definition: JsonObject, path: string, lang: string, text: string): JsonObject {
  const tokens = pointerTokens(path);
  const key = tokens.pop();
  if (key === undefined) return definition;
  const copy = structuredClone(definition);
  let holder: unknown = copy;
  let parent: unknown;
  for (const token of tokens) {
    parent = holder;
    holder = Array.isArray(holder) ? holder[Number(token)] : isJsonObject(holder) ? holder[token] : undefined;
  }
  const index = Number(tokens.at(-1));
  // An answer written as a bare value ("Phone") needs the { value, text } form to carry a translation.
  const bareItem = Array.isArray(parent) && key === "text" && (typeof holder === "string" || typeof holder === "number");
  if (bareItem) {
    holder = { value: holder };
    (parent as unknown[])[index] = holder;
  }
  if (!isJsonObject(holder)) return definition;
  const fallback = key === "title" && typeof holder.name === "string" ? holder.name : key === "text" && holder.value !== undefined ? String(holder.value) : "";
  const current = holder[key];
  const texts: JsonObject = isJsonObject(current) ? { ...current } : { default: typeof current === "string" ? current : fallback };
  if (text === "") delete texts[lang];
  else texts[lang] = text;
  const keys = Object.keys(texts);
  if (keys.length === 1 && keys[0] === "default") {
    // What SurveyJS shows anyway (the name for a title, the value for an answer) need not be written.
    if (fallback !== "" && texts.default === fallback) delete holder[key];
    else holder[key] = texts.default;
  } else {
    holder[key] = texts;
  }
  if (Array.isArray(parent) && key === "text" && Object.keys(holder).length === 1 && "value" in holder) parent[index] = holder.value;
  return copy;
}
