// The questions a definition asks, in order, with the page each sits on: read from the JSON alone, without survey-core.
import { walkElements, type JsonObject } from "./survey-elements";

export type AskedQuestion = { name: string; valueName: string; title: string; page: number };

// Elements that hold or show things but take no answer of their own.
const answerless = new Set(["panel", "html", "image", "expression", "flowpanel"]);

function titleOf(element: JsonObject, name: string): string {
  const t = element.title;
  if (typeof t === "string" && t.trim()) return t.trim();
  if (t && typeof t === "object" && typeof (t as JsonObject).default === "string") return ((t as JsonObject).default as string).trim() || name;
  return name;
}

/** Every answerable question: pages in order, panels' questions on their panel's page; a dynamic panel's inner questions answer inside it. */
export function askedQuestions(definition: JsonObject): AskedQuestion[] {
  const found: AskedQuestion[] = [];
  const pageOf = new Map<JsonObject, number>();
  walkElements(definition, {
    element(element, place) {
      const page = place.parent.kind === "page" ? place.parent.index : place.parent.kind === "panel" ? (pageOf.get(place.parent.element) ?? 0) : 0;
      pageOf.set(element, page);
      const name = typeof element.name === "string" ? element.name.trim() : "";
      if (!name) return undefined;
      if (!answerless.has(String(element.type))) {
        const valueName = typeof element.valueName === "string" && element.valueName.trim() ? element.valueName.trim() : name;
        found.push({ name, valueName, title: titleOf(element, name), page });
      }
      // A dynamic panel's answer is its own list; its template's questions are not keys of the survey's data.
      return element.type === "paneldynamic" ? false : undefined;
    },
  });
  return found;
}
