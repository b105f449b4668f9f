// The builder's pure side: blocks a manager adds, and every edit as a function from one definition to the next.
// It writes plain SurveyJS JSON plus `metric`; the server's check stays the judge of what may be published.
import { DIMENSION_PREFIX, parseMetricRole, scalesOf, slugDimension } from "../../../server/domain/metric-roles";
import { isJsonObject, type JsonObject } from "../../../server/domain/survey-elements";

export type { JsonObject };

export type BlockKind =
  | "nps"
  | "csat"
  | "ces"
  | "loyalty"
  | "dimension"
  | "dimensions"
  | "single"
  | "multiple"
  | "short-text"
  | "long-text"
  | "consent"
  | "page-break";

/** What a canvas card is, read back from its type and metric; "rating", "yes-no", "panel" and "other" cover JSON written by hand. */
export type ElementKind = Exclude<BlockKind, "page-break"> | "rating" | "yes-no" | "panel" | "other";

export const palette: readonly { kind: BlockKind; label: string }[] = [
  { kind: "nps", label: "NPS" },
  { kind: "csat", label: "CSAT" },
  { kind: "ces", label: "CES" },
  { kind: "loyalty", label: "Loyalty item" },
  { kind: "dimension", label: "Dimension rating" },
  { kind: "dimensions", label: "Several dimensions" },
  { kind: "single", label: "Single choice" },
  { kind: "multiple", label: "Multiple choice" },
  { kind: "short-text", label: "Short text" },
  { kind: "long-text", label: "Long text" },
  { kind: "consent", label: "Contact consent" },
  { kind: "page-break", label: "Page break" },
];

export const kindLabels: Record<ElementKind, string> = {
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
  loyalty: "Loyalty",
  dimension: "Dimension rating",
  dimensions: "Several dimensions",
  single: "Single choice",
  multiple: "Multiple choice",
  "short-text": "Short text",
  "long-text": "Long text",
  consent: "Contact consent",
  "yes-no": "Yes or no",
  rating: "Rating",
  panel: "Group",
  other: "Other",
};

export type CsatDisplay = "labels" | "stars" | "smileys";

// Buttons with the end labels above and below: SurveyJS otherwise turns a long scale into a dropdown on phones.
const ratingLook = { displayMode: "buttons", rateDescriptionLocation: "topBottom" };

function rating(title: string, min: number, max: number, low: string, high: string, metric: string): JsonObject {
  return { type: "rating", title, rateMin: min, rateMax: max, minRateDescription: low, maxRateDescription: high, metric, ...ratingLook };
}

const dimensionRating = (dimension: string) =>
  rating(`How would you rate the ${dimension.trim().toLowerCase() || "service"}?`, 1, 5, "Very poor", "Excellent", `${DIMENSION_PREFIX}${slugDimension(dimension) || "service"}`);

/** The element a block adds, mostly without its name (see addBlock); null for a page break, which is not an element. */
export function blockElement(kind: BlockKind, options: { dimensions?: string[]; csatDisplay?: CsatDisplay } = {}): JsonObject | null {
  switch (kind) {
    case "nps":
      return { ...rating("How likely are you to recommend us to a friend or colleague?", 0, 10, "Not at all likely", "Extremely likely", "nps"), isRequired: true };
    case "csat": {
      const element = rating("Overall, how satisfied are you with the service you received?", 1, 5, "Very dissatisfied", "Very satisfied", "csat");
      return options.csatDisplay && options.csatDisplay !== "labels" ? withDisplay(element, options.csatDisplay) : element;
    }
    case "ces":
      return rating("The organisation made it easy for me to handle my request.", 1, 7, "Strongly disagree", "Strongly agree", "ces");
    case "loyalty":
      return rating("How likely are you to use our services again?", 1, 5, "Very unlikely", "Very likely", "loyalty");
    case "dimension":
      return dimensionRating(options.dimensions?.[0] ?? "service");
    case "dimensions": {
      const names = cleanLines(options.dimensions ?? []);
      return { type: "panel", title: "How would you rate each of these?", elements: (names.length ? names : ["service"]).map(dimensionRating) };
    }
    case "single":
      return { type: "radiogroup", title: "Which one fits best?", choices: ["Option 1", "Option 2", "Option 3"] };
    case "multiple":
      return { type: "checkbox", title: "Which of these apply?", choices: ["Option 1", "Option 2", "Option 3"] };
    case "short-text":
      return { type: "text", title: "Your answer" };
    case "long-text":
      return { type: "comment", title: "What is the main reason for your answers?", metric: "comment" };
    case "consent":
      // Named here: the name is how a yes-or-no question is read back as the consent (see kindOf).
      return { type: "boolean", name: "contact-consent", title: "May we contact you about your answers?", labelTrue: "Yes", labelFalse: "No" };
    case "page-break":
      return null;
  }
}

/** Stars and faces carry no numbers to push buttons around, so the button look is dropped with them. */
function withDisplay(element: JsonObject, display: CsatDisplay): JsonObject {
  const next = { ...element };
  if (display === "labels") {
    delete next.rateType;
    Object.assign(next, ratingLook);
  } else {
    next.rateType = display;
    delete next.displayMode;
  }
  return next;
}

const cleanLines = (lines: string[]) => lines.map((l) => l.trim()).filter(Boolean);

// ---- reading -------------------------------------------------------------------------------------------------

/** The text of a string SurveyJS may localise: a plain string, or `{ default, fr, … }`. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (isJsonObject(value)) {
    const text = value.default ?? value.en ?? Object.values(value).find((v) => typeof v === "string");
    return typeof text === "string" ? text : "";
  }
  if (typeof value === "number") return String(value);
  return "";
}

/** Writes the default-language text, keeping other languages of a localised string. */
function withText(previous: unknown, text: string): unknown {
  if (isJsonObject(previous)) return { ...previous, default: text };
  return text;
}

export function kindOf(element: JsonObject): ElementKind {
  const parsed = parseMetricRole(element.metric);
  switch (element.type) {
    case "rating":
      if (!parsed.ok || parsed.kind === "comment") return "rating";
      return parsed.kind;
    case "panel": {
      const children = Array.isArray(element.elements) ? element.elements : [];
      return children.length > 0 && children.every((c) => isJsonObject(c) && kindOf(c) === "dimension") ? "dimensions" : "panel";
    }
    case "radiogroup":
      return "single";
    case "checkbox":
      return "multiple";
    case "text":
      return "short-text";
    case "comment":
      return "long-text";
    case "boolean":
      return typeof element.name === "string" && element.name.startsWith("contact") ? "consent" : "yes-no";
    default:
      return "other";
  }
}

export type Position = { page: number; index: number };

export type Entry = Position & {
  /** Stable across moves: the name when it is one of a kind, otherwise the position. */
  key: string;
  name: string;
  type: string;
  kind: ElementKind;
  title: string;
  required: boolean;
  metric: string;
  /** The titles of a group's questions. */
  children: string[];
};

function pagesOf(definition: JsonObject): JsonObject[] {
  if (Array.isArray(definition.pages)) return definition.pages.filter(isJsonObject);
  // A survey written without pages is one page to the builder, and becomes one on the first change.
  const loose = [definition.elements, definition.questions].flatMap((list) => (Array.isArray(list) ? list : []));
  return loose.length > 0 ? [{ elements: loose }] : [];
}

const elementsOf = (page: JsonObject): JsonObject[] => (Array.isArray(page.elements) ? page.elements.filter(isJsonObject) : []);

/** The survey's pages and their top-level elements, in order, for the canvas. */
export function readPages(definition: JsonObject): { name: string; entries: Entry[] }[] {
  const seen = new Map<string, number>();
  const pages = pagesOf(definition);
  for (const page of pages) for (const el of elementsOf(page)) if (typeof el.name === "string") seen.set(el.name, (seen.get(el.name) ?? 0) + 1);
  return pages.map((page, p) => ({
    name: typeof page.name === "string" ? page.name : `page${p + 1}`,
    entries: elementsOf(page).map((el, index) => {
      const name = typeof el.name === "string" ? el.name : "";
      return {
        page: p,
        index,
        key: name && seen.get(name) === 1 ? name : `@${p}-${index}`,
        name,
        type: typeof el.type === "string" ? el.type : "",
        kind: kindOf(el),
        title: textOf(el.title),
        required: el.isRequired === true,
        metric: typeof el.metric === "string" ? el.metric : "",
        children: Array.isArray(el.elements) ? el.elements.filter(isJsonObject).map((c) => textOf(c.title) || (typeof c.name === "string" ? c.name : "")) : [],
      };
    }),
  }));
}

/** Every element flat, in survey order, with the index of its page. */
export const readElements = (definition: JsonObject): Entry[] => readPages(definition).flatMap((p) => p.entries);

export function elementAt(definition: JsonObject, at: Position): JsonObject | undefined {
  const page = pagesOf(definition)[at.page];
  return page ? elementsOf(page)[at.index] : undefined;
}

// ---- names ---------------------------------------------------------------------------------------------------

function namesIn(definition: JsonObject): Set<string> {
  const names = new Set<string>();
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const el of list) {
      if (!isJsonObject(el)) continue;
      if (typeof el.name === "string") names.add(el.name);
      visit(el.elements);
      visit(el.templateElements);
    }
  };
  for (const page of pagesOf(definition)) visit(page.elements);
  return names;
}

const baseNames: Partial<Record<ElementKind, string>> = { nps: "nps", csat: "csat", ces: "ces", loyalty: "loyalty", "long-text": "comment", consent: "contact-consent" };

/** A readable name nobody uses yet: the metric's own (`nps`, `csat`, `comment`…), else `q<n>` counting questions. */
function freshName(element: JsonObject, taken: Set<string>): string {
  const kind = kindOf(element);
  const parsed = parseMetricRole(element.metric);
  let base = baseNames[kind];
  if (kind === "dimension" && parsed.ok && parsed.dimension) base = parsed.dimension;
  if (base) {
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      if (!taken.has(name)) return name;
    }
  }
  for (let n = taken.size + 1; ; n++) if (!taken.has(`q${n}`)) return `q${n}`;
}

/** Gives the element and any group members inside it names not in `taken` (which it then fills). */
function named(element: JsonObject, taken: Set<string>): JsonObject {
  const copy: JsonObject = { ...element };
  if (typeof copy.name !== "string" || taken.has(copy.name)) copy.name = freshName(copy, taken);
  taken.add(copy.name as string);
  if (Array.isArray(copy.elements)) copy.elements = copy.elements.map((c) => (isJsonObject(c) ? named(c, taken) : c));
  // Name first so a block lands as { type, name, title, … } in the JSON tab.
  const { type, name, ...rest } = copy;
  return { type, name, ...rest };
}

function freshPageName(pages: JsonObject[]): string {
  const taken = new Set(pages.map((p) => p.name));
  for (let n = pages.length + 1; ; n++) if (!taken.has(`page${n}`)) return `page${n}`;
}

// ---- edits ---------------------------------------------------------------------------------------------------

/** A copy with `pages` as a list of page objects each holding an `elements` list, ready to change. */
function editable(definition: JsonObject): { next: JsonObject; pages: JsonObject[] } {
  const next: JsonObject = { ...definition };
  let pages: JsonObject[];
  if (Array.isArray(definition.pages)) {
    pages = definition.pages.filter(isJsonObject).map((p) => ({ ...p, elements: [...elementsOf(p)] }));
  } else {
    pages = pagesOf(definition).map((p) => ({ name: "page1", elements: [...elementsOf(p)] }));
    delete next.elements;
    delete next.questions;
  }
  next.pages = pages;
  return { next, pages };
}

function pageList(pages: JsonObject[], page: number): JsonObject[] {
  return pages[page]!.elements as JsonObject[];
}

export type Placement = { after: Position } | { endOfPage: number } | "end";

/** Adds a block; `added` is where it went (a page break: the first element of the new page, if any). */
export function addBlock(
  definition: JsonObject,
  kind: BlockKind,
  placement: Placement = "end",
  options: { dimensions?: string[]; csatDisplay?: CsatDisplay } = {},
): { definition: JsonObject; added: Position | null } {
  const element = blockElement(kind, options);
  if (!element) {
    if (typeof placement === "object" && "after" in placement) return { definition: insertPageBreak(definition, { page: placement.after.page, index: placement.after.index + 1 }), added: null };
    const { next, pages } = editable(definition);
    const page = typeof placement === "object" ? placement.endOfPage + 1 : pages.length;
    pages.splice(page, 0, { name: freshPageName(pages), elements: [] });
    return { definition: next, added: null };
  }
  const block = named(element, namesIn(definition));
  const { next, pages } = editable(definition);
  if (pages.length === 0) pages.push({ name: "page1", elements: [] });
  let at: Position;
  if (typeof placement === "object" && "after" in placement && pages[placement.after.page]) at = { page: placement.after.page, index: placement.after.index + 1 };
  else {
    const page = typeof placement === "object" && "endOfPage" in placement && pages[placement.endOfPage] ? placement.endOfPage : pages.length - 1;
    at = { page, index: pageList(pages, page).length };
  }
  pageList(pages, at.page).splice(at.index, 0, block);
  return { definition: next, added: at };
}

/** Moves an element to `to` (its index once the element has left its old place); out-of-range targets are clamped. */
export function moveElement(definition: JsonObject, from: Position, to: Position): JsonObject {
  const { next, pages } = editable(definition);
  if (!pages[from.page] || !pages[to.page]) return definition;
  const [element] = pageList(pages, from.page).splice(from.index, 1);
  if (!element) return definition;
  const target = pageList(pages, to.page);
  target.splice(Math.max(0, Math.min(to.index, target.length)), 0, element);
  return next;
}

/** One step up or down; past the top or bottom of its page it joins the end of the page before or the start of the next. */
export function moveBy(definition: JsonObject, from: Position, step: -1 | 1): { definition: JsonObject; at: Position } {
  const pages = pagesOf(definition);
  const count = elementsOf(pages[from.page] ?? {}).length;
  let to: Position;
  if (step === -1) {
    if (from.index > 0) to = { page: from.page, index: from.index - 1 };
    else if (from.page > 0) to = { page: from.page - 1, index: elementsOf(pages[from.page - 1]!).length };
    else return { definition, at: from };
  } else if (from.index < count - 1) to = { page: from.page, index: from.index + 1 };
  else if (from.page < pages.length - 1) to = { page: from.page + 1, index: 0 };
  else return { definition, at: from };
  return { definition: moveElement(definition, from, to), at: to };
}

/** Moves by positions in the flat list the canvas shows (drag and drop): the element takes the place of the one at `to`, on its page. */
export function moveFlat(definition: JsonObject, from: number, to: number): JsonObject {
  const flat = readElements(definition);
  const source = flat[from];
  const over = flat[to];
  if (!source || !over || from === to) return definition;
  const index = from < to && source.page === over.page ? over.index : from < to ? over.index + 1 : over.index;
  return moveElement(definition, source, { page: over.page, index });
}

/** A copy right after the original, with fresh names for it and any questions inside it. */
export function duplicate(definition: JsonObject, at: Position): { definition: JsonObject; added: Position } {
  const element = elementAt(definition, at);
  if (!element) return { definition, added: at };
  const taken = namesIn(definition);
  const strip = (el: JsonObject): JsonObject => {
    const { name: _name, ...rest } = el;
    if (Array.isArray(rest.elements)) rest.elements = rest.elements.map((c) => (isJsonObject(c) ? strip(c) : c));
    return rest;
  };
  const copy = named(strip(structuredClone(element)), taken);
  const { next, pages } = editable(definition);
  const added = { page: at.page, index: at.index + 1 };
  pageList(pages, at.page).splice(added.index, 0, copy);
  return { definition: next, added };
}

export function remove(definition: JsonObject, at: Position): JsonObject {
  if (!elementAt(definition, at)) return definition;
  const { next, pages } = editable(definition);
  pageList(pages, at.page).splice(at.index, 1);
  return next;
}

/** Sets properties of an element; `undefined` removes one. Texts in `texts` are written to the default language. */
export function updateElement(definition: JsonObject, at: Position, changes: JsonObject, texts: Record<string, string> = {}): JsonObject {
  const element = elementAt(definition, at);
  if (!element) return definition;
  const updated: JsonObject = { ...element };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete updated[key];
    else updated[key] = value;
  }
  for (const [key, text] of Object.entries(texts)) {
    // An emptied text goes, so SurveyJS falls back to its own (the name for a title) rather than showing nothing.
    if (text === "" && !isJsonObject(updated[key])) delete updated[key];
    else updated[key] = withText(updated[key], text);
  }
  const { next, pages } = editable(definition);
  pageList(pages, at.page)[at.index] = updated;
  return next;
}

/** Starts a new page at `at`: the elements from there on move to it. */
export function insertPageBreak(definition: JsonObject, at: Position): JsonObject {
  const { next, pages } = editable(definition);
  if (!pages[at.page]) return definition;
  const moved = pageList(pages, at.page).splice(at.index);
  pages.splice(at.page + 1, 0, { name: freshPageName(pages), elements: moved });
  return next;
}

/** Removes the break before `page`: its elements join the page before. */
export function removePageBreak(definition: JsonObject, page: number): JsonObject {
  const { next, pages } = editable(definition);
  if (page < 1 || !pages[page]) return definition;
  pageList(pages, page - 1).push(...pageList(pages, page));
  pages.splice(page, 1);
  return next;
}

// ---- ratings, choices and roles ------------------------------------------------------------------------------

export function scaleOf(element: JsonObject): { min: number; max: number } {
  const min = typeof element.rateMin === "number" ? element.rateMin : 1;
  const max = typeof element.rateMax === "number" ? element.rateMax : 5;
  return { min, max };
}

export const displayOf = (element: JsonObject): CsatDisplay => (element.rateType === "stars" || element.rateType === "smileys" ? element.rateType : "labels");

export function setDisplay(definition: JsonObject, at: Position, display: CsatDisplay): JsonObject {
  const element = elementAt(definition, at);
  if (!element) return definition;
  const shown = withDisplay(element, display);
  return updateElement(definition, at, {
    rateType: shown.rateType,
    displayMode: shown.displayMode,
    rateDescriptionLocation: shown.rateDescriptionLocation,
  });
}

/** Roles the element may take as it stands: a rating's scale decides, free text may be a comment. */
export function rolesFor(element: JsonObject): ("nps" | "csat" | "ces" | "loyalty" | "dimension" | "comment")[] {
  if (element.type === "comment" || element.type === "text") return ["comment"];
  if (element.type !== "rating") return [];
  const { min, max } = scaleOf(element);
  const fits = (role: string) => scalesOf(role).some((s) => s.min === min && s.max === max);
  return (["nps", "csat", "ces", "loyalty", "dimension"] as const).filter((r) => fits(r === "dimension" ? `${DIMENSION_PREFIX}x` : r));
}

/** The scales the editor offers: fixed by a fixed role, 1-5 or 1-7 for a dimension, free (0 or 1 up to 10) without a role. */
export function scaleChoice(element: JsonObject): "fixed" | "dimension" | "free" {
  const parsed = parseMetricRole(element.metric);
  if (!parsed.ok || parsed.kind === "comment") return "free";
  return parsed.kind === "dimension" ? "dimension" : "fixed";
}

/** Choices as lines of text; values stay as they were where the text did not change. */
export function choicesText(element: JsonObject): string {
  const choices = Array.isArray(element.choices) ? element.choices : [];
  return choices.map((c) => (isJsonObject(c) ? textOf(c.text) || textOf(c.value) : textOf(c))).join("\n");
}

export function setChoices(definition: JsonObject, at: Position, text: string): JsonObject {
  const element = elementAt(definition, at);
  if (!element) return definition;
  const before = Array.isArray(element.choices) ? element.choices : [];
  const byText = new Map(before.map((c) => [isJsonObject(c) ? textOf(c.text) || textOf(c.value) : textOf(c), c]));
  // Pasted lists often carry bullets or numbering; blank lines are dropped.
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim());
  const choices = [...new Set(lines.filter(Boolean))].map((line) => byText.get(line) ?? line);
  return updateElement(definition, at, { choices });
}

/** Dimensions of a "several dimensions" group, from its questions' roles. */
export function dimensionsOf(element: JsonObject): string[] {
  const children = Array.isArray(element.elements) ? element.elements.filter(isJsonObject) : [];
  return children.map((c) => {
    const parsed = parseMetricRole(c.metric);
    return parsed.ok && parsed.dimension ? parsed.dimension.replaceAll("-", " ") : textOf(c.title);
  });
}

/** Rewrites a group's dimension questions from a list; ones that stay keep their wording, name and answers. */
export function setDimensions(definition: JsonObject, at: Position, names: string[]): JsonObject {
  const element = elementAt(definition, at);
  if (!element) return definition;
  const children = Array.isArray(element.elements) ? element.elements.filter(isJsonObject) : [];
  const bySlug = new Map(children.map((c) => [String(c.metric), c]));
  const taken = namesIn(remove(definition, at));
  const slugs = new Set<string>();
  const elements: JsonObject[] = [];
  for (const name of cleanLines(names)) {
    const slug = slugDimension(name);
    if (!slug || slugs.has(slug)) continue;
    slugs.add(slug);
    elements.push(named(bySlug.get(`${DIMENSION_PREFIX}${slug}`) ?? dimensionRating(name), taken));
  }
  return updateElement(definition, at, { elements });
}

// ---- undo and redo -------------------------------------------------------------------------------------------

export type History = { past: JsonObject[]; future: JsonObject[]; /** Typing in one field is one step. */ streak: string | null };

export const HISTORY_LIMIT = 100;
export const emptyHistory: History = { past: [], future: [], streak: null };

/** Remembers `previous` before a change; a change with the same `streak` as the last one joins it. */
export function record(history: History, previous: JsonObject, streak: string | null = null): History {
  if (streak !== null && streak === history.streak) return { ...history, future: [] };
  return { past: [...history.past, previous].slice(-HISTORY_LIMIT), future: [], streak };
}

export function undo(history: History, current: JsonObject): { history: History; definition: JsonObject } | null {
  const definition = history.past.at(-1);
  if (!definition) return null;
  return { definition, history: { past: history.past.slice(0, -1), future: [current, ...history.future].slice(0, HISTORY_LIMIT), streak: null } };
}

export function redo(history: History, current: JsonObject): { history: History; definition: JsonObject } | null {
  const definition = history.future[0];
  if (!definition) return null;
  return { definition, history: { past: [...history.past, current].slice(-HISTORY_LIMIT), future: history.future.slice(1), streak: null } };
}
