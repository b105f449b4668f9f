// The one walk over a SurveyJS definition's elements as written, before survey-core reads it.
export type JsonObject = Record<string, unknown>;
export const isJsonObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** What holds an element: the survey itself (`elements`, `questions`), a page, or a panel (dynamic ones too). */
export type ElementParent = { kind: "survey" } | { kind: "page"; index: number } | { kind: "panel"; element: JsonObject };

export type ElementPlace = { pointer: string; index: number; parent: ElementParent };

/** A part not written the way SurveyJS reads it; the walk skips it. */
export type ShapeProblem =
  | { kind: "pages-not-list"; pointer: string }
  | { kind: "page-not-object"; pointer: string; index: number }
  | { kind: "elements-not-list"; pointer: string; parent: ElementParent }
  | { kind: "element-not-object"; pointer: string; index: number; parent: ElementParent };

export type ElementVisitor = {
  /** Each element object, parents before their children; returning false leaves its children unvisited. */
  element(element: JsonObject, place: ElementPlace): boolean | undefined;
  problem?(problem: ShapeProblem): void;
};

const nested = ["elements", "templateElements"] as const;

// Pointers are joined by hand: indices and the keys above never need escaping.

/** Pages in order, then the survey's own `elements` and `questions`; panels' `elements` and dynamic panels' `templateElements` within. */
export function walkElements(definition: JsonObject, visitor: ElementVisitor): void {
  const visit = (elements: unknown, pointer: string, parent: ElementParent) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) return visitor.problem?.({ kind: "elements-not-list", pointer, parent });
    for (const [index, element] of (elements as unknown[]).entries()) {
      const at = `${pointer}/${index}`;
      if (!isJsonObject(element)) visitor.problem?.({ kind: "element-not-object", pointer: at, index, parent });
      else if (visitor.element(element, { pointer: at, index, parent }) !== false) {
        for (const key of nested) visit(element[key], `${at}/${key}`, { kind: "panel", element });
      }
    }
  };
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page: unknown, index) => {
      const at = `/pages/${index}`;
      if (isJsonObject(page)) visit(page.elements, `${at}/elements`, { kind: "page", index });
      else visitor.problem?.({ kind: "page-not-object", pointer: at, index });
    });
  } else if (definition.pages !== undefined) {
    visitor.problem?.({ kind: "pages-not-list", pointer: "/pages" });
  }
  visit(definition.elements, "/elements", { kind: "survey" });
  visit(definition.questions, "/questions", { kind: "survey" });
}
