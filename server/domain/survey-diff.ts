// What changed between two versions of a survey, in words a manager reads before publishing: questions added,
// removed, reworded, moved, their scale, choices, logic and metric role; read from the JSON alone.
import { roleName } from "./metric-roles";
import { isJsonObject, walkElements, type JsonObject } from "./survey-elements";
import { surveyLanguages } from "./survey-languages";
import { localized, rateItems } from "./survey-texts";

type Question = {
  name: string;
  type: string;
  title: string;
  description: string;
  page: number;
  index: number;
  required: boolean;
  scale: string | null;
  choices: string[];
  logic: string;
  metric: string;
};

export type SurveyChange = {
  kind: "added" | "removed" | "reworded" | "moved" | "type" | "scale" | "choices" | "required" | "logic" | "metric" | "survey";
  /** The question's name (empty for survey-wide changes). */
  question: string;
  /** A sentence for the manager. */
  text: string;
  /** The change ends or splits a metric's series: analytics will keep earlier answers apart. */
  breaksSeries?: boolean;
};

const answerless = new Set(["panel", "paneldynamic", "html", "image", "expression", "flowpanel"]);

function questionsOf(definition: JsonObject): Map<string, Question> {
  const found = new Map<string, Question>();
  let page = 0;
  walkElements(definition, {
    element(el, place) {
      if (place.parent.kind === "page") page = place.parent.index;
      const name = typeof el.name === "string" ? el.name.trim() : "";
      if (!name || answerless.has(String(el.type))) return undefined;
      const items = el.type === "rating" ? rateItems(el) : null;
      const choices = Array.isArray(el.choices) ? el.choices.map((c) => (isJsonObject(c) ? `${String(c.value)}: ${localized(c.text ?? c.value)}` : String(c))) : [];
      found.set(name, {
        name,
        type: String(el.type),
        title: localized(el.title) || name,
        description: localized(el.description),
        page,
        index: found.size,
        required: el.isRequired === true,
        scale: items ? `${items[0]?.value}–${items.at(-1)?.value}` : null,
        choices,
        logic: typeof el.visibleIf === "string" ? el.visibleIf.trim() : "",
        metric: typeof el.metric === "string" ? el.metric : "",
      });
      return el.type === "paneldynamic" ? false : undefined;
    },
  });
  return found;
}

const quote = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;
const role = (metric: string) => (metric === "comment" ? "comments" : roleName(metric));
const scored = (metric: string) => metric !== "" && metric !== "comment";

/** The changes from `before` to `after`, survey-wide ones first, then question by question in the new order. */
export function diffDefinitions(before: JsonObject, after: JsonObject): SurveyChange[] {
  const changes: SurveyChange[] = [];
  const [a, b] = [questionsOf(before), questionsOf(after)];
  if (localized(before.title) !== localized(after.title)) {
    changes.push({ kind: "survey", question: "", text: `The survey's title changes from ${quote(localized(before.title) || "(none)")} to ${quote(localized(after.title) || "(none)")}.` });
  }
  const [langsA, langsB] = [new Set(surveyLanguages(before)), new Set(surveyLanguages(after))];
  for (const l of langsB) if (!langsA.has(l)) changes.push({ kind: "survey", question: "", text: `Adds the ${l} translation.` });
  for (const l of langsA) if (!langsB.has(l)) changes.push({ kind: "survey", question: "", text: `Removes the ${l} translation.` });

  for (const q of a.values()) {
    if (b.has(q.name)) continue;
    const series = scored(q.metric);
    changes.push({
      kind: "removed",
      question: q.name,
      text: `Removes ${quote(q.title)}${series ? `: the ${role(q.metric)} series gets no new answers from it; earlier answers are kept` : ""}.`,
      ...(series && { breaksSeries: true }),
    });
  }
  // Moves are told only when a question changes page or its place among the questions both versions share.
  const shared = [...b.values()].filter((q) => a.has(q.name));
  const orderBefore = [...a.values()].filter((q) => b.has(q.name)).map((q) => q.name);
  for (const q of b.values()) {
    const old = a.get(q.name);
    if (!old) {
      changes.push({ kind: "added", question: q.name, text: `Adds ${quote(q.title)}${q.metric ? ` (${role(q.metric)})` : ""} on page ${q.page + 1}.` });
      continue;
    }
    if (old.title !== q.title || old.description !== q.description) {
      changes.push({ kind: "reworded", question: q.name, text: old.title !== q.title ? `Rewords ${quote(old.title)} as ${quote(q.title)}.` : `Changes the description of ${quote(q.title)}.` });
    }
    if (old.page !== q.page) changes.push({ kind: "moved", question: q.name, text: `Moves ${quote(q.title)} from page ${old.page + 1} to page ${q.page + 1}.` });
    else if (orderBefore.indexOf(q.name) !== shared.indexOf(q)) changes.push({ kind: "moved", question: q.name, text: `Moves ${quote(q.title)} within page ${q.page + 1}.` });
    if (old.type !== q.type) changes.push({ kind: "type", question: q.name, text: `Changes ${quote(q.title)} from ${old.type} to ${q.type}.` });
    if (old.scale !== q.scale) {
      changes.push({
        kind: "scale",
        question: q.name,
        text: `Changes the scale of ${quote(q.title)} from ${old.scale ?? "none"} to ${q.scale ?? "none"}${scored(q.metric) ? `: its answers start a new ${role(q.metric)} series; earlier answers stay in the old one` : ""}.`,
        ...(scored(q.metric) && { breaksSeries: true }),
      });
    }
    if (old.choices.join("\n") !== q.choices.join("\n")) {
      const added = q.choices.filter((c) => !old.choices.includes(c));
      const removed = old.choices.filter((c) => !q.choices.includes(c));
      const parts = [added.length && `adds ${added.map(quote).join(", ")}`, removed.length && `removes ${removed.map(quote).join(", ")}`].filter(Boolean);
      changes.push({ kind: "choices", question: q.name, text: `Changes the choices of ${quote(q.title)}${parts.length ? `: ${parts.join("; ")}` : " (their order)"}.` });
    }
    if (old.required !== q.required) changes.push({ kind: "required", question: q.name, text: `${quote(q.title)} becomes ${q.required ? "required" : "optional"}.` });
    if (old.logic !== q.logic) {
      const text = !q.logic ? `${quote(q.title)} is now always shown.` : !old.logic ? `${quote(q.title)} is now shown only when ${q.logic}.` : `${quote(q.title)} is now shown when ${q.logic} (was ${old.logic}).`;
      changes.push({ kind: "logic", question: q.name, text });
    }
    if (old.metric !== q.metric) {
      const breaks = scored(old.metric);
      const text = !q.metric
        ? `${quote(q.title)} no longer measures ${role(old.metric)}${breaks ? `: the ${role(old.metric)} series gets no new answers from it; earlier answers are kept` : ""}.`
        : !old.metric
          ? `${quote(q.title)} now measures ${role(q.metric)}.`
          : `${quote(q.title)} changes from ${role(old.metric)} to ${role(q.metric)}${breaks ? `: earlier answers stay in the ${role(old.metric)} series` : ""}.`;
      changes.push({ kind: "metric", question: q.name, text, ...(breaks && { breaksSeries: true }) });
    }
  }
  return changes;
}
