// Words for a save that removed unsafe HTML: which question (or the survey itself) and which property lost it.
import { listQuestions, type JsonObject } from "./survey-json";

const unescape = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");

/** `paths` are the save response's `sanitized` pointers (`/definition/pages/0/elements/2/html`). */
export function describeSanitized(paths: string[], definition: JsonObject): string {
  const questions = listQuestions(definition).sort((a, b) => b.pointer.length - a.pointer.length);
  const places = new Set<string>();
  const firstProperty = (tokens: string[]) => tokens.map(unescape).find((t) => !/^\d+$/.test(t));
  for (const full of paths) {
    const path = full.replace(/^\/definition/, "");
    const question = questions.find((q) => path.startsWith(`${q.pointer}/`));
    const page = question ? null : /^\/pages\/(\d+)\//.exec(path);
    const where = question ? `question “${question.name}”` : page ? `page ${Number(page[1]) + 1}` : "the survey";
    const rest = path.slice(question ? question.pointer.length : page ? page[0].length - 1 : 0).split("/").slice(1);
    const property = firstProperty(rest);
    places.add(property ? `${where} (${property})` : where);
  }
  const list = [...places];
  const named = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
  return (
    `Draft saved. Unsafe HTML was removed from ${named}: scripts, event handlers, frames, styles and links ` +
    "other than https, http and mailto are not allowed. The definition now shows what was saved."
  );
}
