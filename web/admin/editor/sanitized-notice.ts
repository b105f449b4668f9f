// Words for a save that removed unsafe HTML: which question (or the survey itself) and which property lost it.
import { pointerTokens } from "../../../server/domain/json-pointer";
import { listQuestions, type JsonObject } from "./survey-json";

/** `paths` are the save response's `sanitized` pointers (`/definition/pages/0/elements/2/html`). */
export function describeSanitized(paths: string[], definition: JsonObject): string {
  const questions = listQuestions(definition).sort((a, b) => b.pointer.length - a.pointer.length);
  const places = new Set<string>();
  for (const full of paths) {
    const path = full.replace(/^\/definition/, "");
    const question = questions.find((q) => path.startsWith(`${q.pointer}/`));
    const page = question ? null : /^\/pages\/(\d+)\//.exec(path);
    const where = question ? `question “${question.name}”` : page ? `page ${Number(page[1]) + 1}` : "the survey";
    const rest = pointerTokens(path.slice(question ? question.pointer.length : page ? page[0].length - 1 : 0));
    const property = rest.find((t) => !/^\d+$/.test(t));
    places.add(property ? `${where} (${property})` : where);
  }
  const list = [...places];
  const named = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
  return (
    `Draft saved. Unsafe HTML was removed from ${named}: scripts, event handlers, frames, styles and links ` +
    "other than https, http and mailto are not allowed. The definition now shows what was saved."
  );
}
