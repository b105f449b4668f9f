// A survey page as the questions of a plain HTML form, read from the JSON alone: what the respondent page shows
// (and takes answers through) before survey-core arrives, or without JavaScript at all. A page with anything the
// plain form cannot show as its author meant (panels, HTML, matrices, masks, piped text…) is not offered, and
// SurveyJS alone shows it.
import { isJsonObject, type JsonObject } from "./survey-elements";
import { localized, rateItems } from "./survey-texts";

/** The form's fields that are not answers; a question named "rapport:…" is not offered plainly, so none clashes. */
export const FORM_FIELDS = { page: "rapport:page", shown: "rapport:shown", at: "rapport:at" } as const;

export type PlainChoice = { value: string | number | boolean; label: string };

type Common = { name: string; valueName: string; title: string; titleHidden: boolean; description: string; required: boolean; number?: number; defaultValue?: unknown };

export type PlainQuestion = Common &
  (
    | { kind: "rating"; items: PlainChoice[]; minLabel: string; maxLabel: string; stars: boolean }
    | { kind: "radio"; choices: PlainChoice[] }
    | { kind: "checkbox"; choices: PlainChoice[] }
    | { kind: "select"; choices: PlainChoice[]; placeholder: string }
    | { kind: "text"; inputType: string; placeholder: string; maxLength?: number; min?: string; max?: string; step?: string }
    | { kind: "comment"; placeholder: string; maxLength?: number; rows: number }
  );

export type PlainPage = { index: number; title: string; description: string; questions: PlainQuestion[]; hasNext: boolean };

/** Words the plain form needs that a definition may leave to survey-core's defaults, in the page's language. */
export type PlainDefaults = { yes: string; no: string; selectPlaceholder: string };

// Inputs the browser draws by itself, with nothing survey-core adds on top.
const INPUT_TYPES = new Set(["text", "email", "number", "tel", "url", "date", "time", "datetime-local", "month", "week"]);

// Survey settings that change which questions a page holds or what its button does.
const pageShaping = (d: JsonObject) =>
  (d.questionsOnPageMode !== undefined && d.questionsOnPageMode !== "standard") ||
  d.firstPageIsStarted === true ||
  d.firstPageIsStartPage === true ||
  (d.showPreviewBeforeComplete !== undefined && d.showPreviewBeforeComplete !== false && d.showPreviewBeforeComplete !== "noPreview");

// Question settings the plain form would have to ignore, which would show something else than SurveyJS does.
const UNSUPPORTED_SETTINGS = [
  "readOnly",
  "enableIf",
  "choicesFromQuestion",
  "choicesByUrl",
  "choicesVisibleIf",
  "choicesEnableIf",
  "showOtherItem",
  "hasOther",
  "showNoneItem",
  "hasNone",
  "showSelectAllItem",
  "hasSelectAll",
  "showCommentArea",
  "hasComment",
  "maskType",
  "maskSettings",
  "inputMask",
  "choicesMin",
  "choicesMax",
  "rateDescriptionLocation",
];

/** The survey's pages as SurveyJS reads them: `pages`, else one page of the survey's own elements. */
function pagesOf(definition: JsonObject): unknown[] {
  if (Array.isArray(definition.pages)) return definition.pages;
  const elements = Array.isArray(definition.elements) ? definition.elements : Array.isArray(definition.questions) ? definition.questions : [];
  return [{ elements }];
}

const conditional = (el: JsonObject) => el.visible === false || (typeof el.visibleIf === "string" && el.visibleIf.trim() !== "");

// "{name}" in a text is piped in by SurveyJS at run time; the plain form would show the braces.
const piped = (text: string) => /\{[^}]*\}/.test(text);

class Unsupported extends Error {}

function text(value: unknown, locale: string): string {
  const t = localized(value, locale);
  if (piped(t)) throw new Unsupported();
  return t;
}

function choicesOf(el: JsonObject, locale: string): PlainChoice[] {
  if (!Array.isArray(el.choices) || el.choices.length === 0) throw new Unsupported();
  return el.choices.map((c) => {
    if (typeof c === "string" || typeof c === "number") return { value: c, label: text(String(c), locale) };
    if (isJsonObject(c) && (typeof c.value === "string" || typeof c.value === "number")) {
      if (c.visibleIf || c.enableIf) throw new Unsupported();
      return { value: c.value, label: text(c.text ?? String(c.value), locale) || String(c.value) };
    }
    throw new Unsupported();
  });
}

function question(el: JsonObject, locale: string, defaults: PlainDefaults): PlainQuestion {
  if (UNSUPPORTED_SETTINGS.some((key) => el[key] !== undefined && el[key] !== false)) throw new Unsupported();
  const name = typeof el.name === "string" ? el.name.trim() : "";
  // The form's own fields are named "rapport:…"; a question named so would be read as one of them.
  if (!name || name.startsWith("rapport:")) throw new Unsupported();
  const valueName = typeof el.valueName === "string" && el.valueName.trim() ? el.valueName.trim() : name;
  if (valueName.startsWith("rapport:")) throw new Unsupported();
  const common: Common = {
    name,
    valueName,
    title: text(el.title, locale) || name,
    titleHidden: el.titleLocation === "hidden",
    description: text(el.description, locale),
    required: el.isRequired === true,
    ...(el.defaultValue !== undefined && { defaultValue: el.defaultValue }),
  };
  const placeholder = text(el.placeholder ?? el.placeHolder, locale);
  const maxLength = typeof el.maxLength === "number" && el.maxLength > 0 ? { maxLength: el.maxLength } : {};
  switch (el.type) {
    case "rating": {
      const items = rateItems(el);
      if (!items || (el.rateType !== undefined && !["labels", "stars"].includes(String(el.rateType)))) throw new Unsupported();
      return {
        ...common,
        kind: "rating",
        items: items.map((i) => ({ value: i.value, label: text(i.text, locale) || String(i.value) })),
        minLabel: text(el.minRateDescription, locale),
        maxLabel: text(el.maxRateDescription, locale),
        stars: el.rateType === "stars",
      };
    }
    case "radiogroup":
      return { ...common, kind: "radio", choices: choicesOf(el, locale) };
    case "checkbox":
      return { ...common, kind: "checkbox", choices: choicesOf(el, locale) };
    case "dropdown":
      return { ...common, kind: "select", choices: choicesOf(el, locale), placeholder: placeholder || defaults.selectPlaceholder };
    case "boolean": {
      const valueTrue = el.valueTrue ?? true;
      const valueFalse = el.valueFalse ?? false;
      if (![valueTrue, valueFalse].every((v) => ["string", "number", "boolean"].includes(typeof v))) throw new Unsupported();
      const choices = [
        { value: valueTrue as PlainChoice["value"], label: text(el.labelTrue, locale) || defaults.yes },
        { value: valueFalse as PlainChoice["value"], label: text(el.labelFalse, locale) || defaults.no },
      ];
      // SurveyJS puts "No" first unless told to swap.
      return { ...common, kind: "radio", choices: el.swapOrder === true ? choices : choices.reverse() };
    }
    case "text": {
      const inputType = typeof el.inputType === "string" ? el.inputType : "text";
      if (!INPUT_TYPES.has(inputType)) throw new Unsupported();
      const bound = (v: unknown) => (typeof v === "number" || (typeof v === "string" && !v.startsWith("="))) ? String(v) : undefined;
      const [min, max, step] = [bound(el.min), bound(el.max), bound(el.step)];
      return { ...common, kind: "text", inputType, placeholder, ...maxLength, ...(min && { min }), ...(max && { max }), ...(step && { step }) };
    }
    case "comment":
      return { ...common, kind: "comment", placeholder, ...maxLength, rows: typeof el.rows === "number" && el.rows > 0 ? Math.min(el.rows, 20) : 4 };
    default:
      throw new Unsupported();
  }
}

// Numbered as SurveyJS does unless told not to; the numbers only hold while no question before is conditional.
const numbering = (d: JsonObject): "off" | "onPage" | "on" => (d.showQuestionNumbers === "off" || d.showQuestionNumbers === false ? "off" : d.showQuestionNumbers === "onPage" ? "onPage" : "on");

/**
 * Page `index` of a definition as plain form questions in `locale` (the language its texts are shown in), or null
 * when the page cannot be shown plainly. Conditional questions are left out unless `shows` (SurveyJS's verdict on the
 * answers so far) says they apply: SurveyJS shows them once it takes over, and without JavaScript the server
 * shows them when the answers sent make them apply.
 */
export function plainPage(definition: JsonObject, index: number, locale: string, defaults: PlainDefaults, shows?: (questionName: string) => boolean): PlainPage | null {
  if (pageShaping(definition)) return null;
  const pages = pagesOf(definition);
  const page = pages[index];
  // Earlier pages that may hide would make `index` mean something else than SurveyJS's page number.
  if (!isJsonObject(page) || pages.slice(0, index + 1).some((p) => !isJsonObject(p) || conditional(p) || !Array.isArray(p.elements) || p.elements.length === 0)) return null;
  const elements = page.elements as unknown[];
  try {
    const mode = numbering(definition);
    let number = 1;
    if (mode === "on") {
      for (const earlier of pages.slice(0, index) as JsonObject[]) {
        for (const el of earlier.elements as unknown[]) {
          if (!isJsonObject(el) || conditional(el) || el.type === "html") throw new Unsupported();
          number++;
        }
      }
    }
    const questions: PlainQuestion[] = [];
    let conditionalSeen = false;
    for (const el of elements) {
      if (!isJsonObject(el)) return null;
      if (conditional(el)) {
        // Known to apply (the answers so far were run through SurveyJS): shown and numbered like any other.
        if (shows && typeof el.name === "string" && shows(el.name.trim())) {
          const q = question(el, locale, defaults);
          questions.push(mode === "off" ? q : { ...q, number: number++ });
        } else if (!shows) conditionalSeen = true;
        continue;
      }
      const q = question(el, locale, defaults);
      // After a conditional question SurveyJS's numbers depend on the answers.
      if (mode !== "off" && conditionalSeen) return null;
      questions.push(mode === "off" ? q : { ...q, number: number++ });
    }
    if (questions.length === 0) return null;
    return {
      index,
      title: text((page as JsonObject).title, locale),
      description: text((page as JsonObject).description, locale),
      questions,
      hasNext: index < pages.length - 1,
    };
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

/** The number of pages the definition has as written (hidden ones included). */
export const pageCount = (definition: JsonObject) => pagesOf(definition).length;

/** Form fields as SurveyJS answers: each value as its question's own type, empty fields left out. */
export function readPlainForm(questions: readonly PlainQuestion[], field: (name: string) => string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const q of questions) {
    const raw = field(q.valueName).filter((v) => v.trim() !== "");
    if (raw.length === 0) continue;
    if (q.kind === "text" || q.kind === "comment") {
      const value = raw[0]!;
      // A number field's answer is a number for SurveyJS; anything else is left for the checks to name.
      data[q.valueName] = q.kind === "text" && q.inputType === "number" && Number.isFinite(Number(value)) ? Number(value) : value;
      continue;
    }
    const options = q.kind === "rating" ? q.items : q.choices;
    const chosen = raw.map((r) => options.find((o) => String(o.value) === r)).filter((o) => o !== undefined);
    if (q.kind === "checkbox") {
      if (chosen.length) data[q.valueName] = chosen.map((o) => o.value);
    } else if (chosen[0]) data[q.valueName] = chosen[0].value;
  }
  return data;
}
