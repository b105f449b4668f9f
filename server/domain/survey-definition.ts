// SurveyJS definitions checked with survey-core: structure and metric roles on save, answers on submit.
// Heavy (survey-core); callers import this module lazily so routes that never validate stay light.
import "./survey-metric";
import { Model, Serializer, type Question } from "survey-core";
import type { FieldError } from "../errors";
import { childPointer } from "./json-pointer";
import { isMetricRole, metricRoles, metricScales, type MetricRole, type ScoredMetric } from "./metric-roles";
import { isJsonObject, walkElements, type ElementParent, type ElementPlace, type JsonObject, type ShapeProblem } from "./survey-elements";

function ratingValues(q: Question): unknown[] {
  return (q as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues.map((i) => i.value);
}

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function titleText(title: unknown): string {
  if (typeof title === "string") return title.trim();
  if (isJsonObject(title) && typeof title.default === "string") return title.default.trim();
  return "";
}

/** How messages name a question: by its title as the editor shows it, with its name to tell twins apart. */
export function questionLabel(name: string, title: unknown): string {
  const shown = titleText(title);
  return shown && shown !== name ? `Question “${shorten(shown)}” (${name})` : `Question “${name}”`;
}

type Found = { name: string; path: string; label: string };

const holder = (parent: ElementParent) =>
  parent.kind === "page" ? `Page ${parent.index + 1}` : parent.kind === "panel" ? `Panel “${parent.element.name as string}”` : "The survey";

function elementPosition({ index, parent }: Pick<ElementPlace, "index" | "parent">): string {
  const where = holder(parent);
  return `Element ${index + 1} ${parent.kind === "panel" ? "in" : "on"} ${where.charAt(0).toLowerCase()}${where.slice(1)}`;
}

function shapeError(problem: ShapeProblem): FieldError {
  switch (problem.kind) {
    case "pages-not-list":
      return { path: problem.pointer, message: `Write "pages" as a list of pages: [ { "elements": [ … ] } ].` };
    case "page-not-object":
      return { path: problem.pointer, message: `Page ${problem.index + 1}: write it as an object: { "elements": [ … ] }.` };
    case "elements-not-list":
      return { path: problem.pointer, message: `${holder(problem.parent)}: write its elements as a list: [ … ].` };
    case "element-not-object":
      return { path: problem.pointer, message: `${elementPosition(problem)}: write it as an object: { "type": …, "name": … }.` };
  }
}

function findQuestions(def: JsonObject, errors: FieldError[]): Found[] {
  const found: Found[] = [];
  walkElements(def, {
    problem: (problem) => void errors.push(shapeError(problem)),
    element(el, place) {
      const at = place.pointer;
      const position = elementPosition(place);
      const named = typeof el.name === "string" && el.name.trim() !== "";
      const label = named ? questionLabel(el.name as string, el.title) : position;
      const type = el.type;
      if (typeof type !== "string" || !Serializer.findClass(type)) {
        const said = typeof type === "string" ? `“${type}” is not a question type` : "it has no question type";
        errors.push({ path: childPointer(at, "type"), message: `${label}: ${said}; set "type" to one such as rating, text or comment.` });
        return false;
      }
      if (!named) {
        const titled = titleText(el.title);
        errors.push({ path: childPointer(at, "name"), message: `${position}${titled ? ` (“${shorten(titled)}”)` : ""}: give it a name, such as "name": "q${place.index + 1}".` });
        return false;
      }
      if (Serializer.isDescendantOf(type, "question")) found.push({ name: el.name as string, path: at, label });
    },
  });
  return found;
}

const metricNames: Record<ScoredMetric, string> = { nps: "an NPS", csat: "a CSAT", ces: "a CES" };

function checkMetric(q: Question, path: string, label: string): FieldError | undefined {
  const metric = q.getPropertyValue("metric") as string | undefined;
  if (metric === undefined || metric === null || metric === "") return;
  if (!isMetricRole(metric)) {
    return { path: childPointer(path, "metric"), message: `${label}: “${metric}” is not a metric role; choose ${metricRoles.slice(0, -1).join(", ")} or ${metricRoles.at(-1)}, or none.` };
  }
  if (metric === "comment") {
    return ["comment", "text"].includes(q.getType()) ? undefined : { path, message: `${label}: a comment metric needs a comment or text question.` };
  }
  const scale = metricScales[metric];
  const name = metricNames[metric];
  if (q.getType() !== "rating") return { path, message: `${label}: ${name} metric needs a rating question with a scale from ${scale.label}.` };
  const values = ratingValues(q);
  const expected = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
    return { path, message: `${label}: ${name} question needs a rating scale from ${scale.label} in steps of 1.` };
  }
}

/** Structural check of a survey definition; returns field errors (empty when usable). */
export function checkDefinition(definition: unknown): FieldError[] {
  if (!isJsonObject(definition)) return [{ path: "/definition", message: "Send the definition as a SurveyJS JSON object: { … }." }];
  const errors: FieldError[] = [];
  const elements = findQuestions(definition, errors);
  const seen = new Map<string, Found>();
  for (const found of elements) {
    const first = seen.get(found.name);
    if (first) {
      const other = first.label === found.label ? "another question" : first.label.replace(/^Question/, "question");
      errors.push({ path: childPointer(found.path, "name"), message: `${found.label}: ${other} already has the name “${found.name}”; give each question its own name.` });
    } else seen.set(found.name, found);
  }
  if (errors.length) return errors.map((e) => ({ ...e, path: `/definition${e.path}` }));
  const model = new Model(definition);
  const questions = model.getAllQuestions(false, false, true);
  if (questions.length === 0) return [{ path: "/definition", message: "Add at least one question to the survey." }];
  for (const q of questions) {
    const at = seen.get(q.name);
    const error = checkMetric(q, at?.path ?? "", at?.label ?? questionLabel(q.name, q.title));
    if (error) errors.push({ ...error, path: `/definition${error.path}` });
  }
  return errors;
}

export type MetricValues = Partial<Record<ScoredMetric, number>>;
/** A rated answer by what it measures; `series` is the role and its scale, e.g. "csat@1-5". */
export type ScoredAnswer = { metric: string; series: string; question: string; value: number };

export type AnswerCheck = { ok: true; data: JsonObject; metrics: MetricValues; scores: ScoredAnswer[] } | { ok: false; errors: FieldError[] };

function typeError(q: Question, value: unknown): string | undefined {
  const type = q.getType();
  const choiceValues = () => (q as unknown as { visibleChoices?: { value: unknown }[] }).visibleChoices?.map((c) => c.value) ?? [];
  switch (type) {
    case "rating": {
      const values = ratingValues(q);
      return values.includes(value) ? undefined : `choose one of ${values.join(", ")}.`;
    }
    case "text":
    case "comment":
      return typeof value === "string" && value.length <= 10_000 ? undefined : "write at most 10,000 characters.";
    case "boolean":
      return typeof value === "boolean" ? undefined : "answer yes or no.";
    case "radiogroup":
    case "dropdown":
      return choiceValues().includes(value) ? undefined : "choose one of the offered answers.";
    case "checkbox":
    case "tagbox":
      return Array.isArray(value) && value.every((v) => choiceValues().includes(v)) ? undefined : "choose from the offered answers.";
    default:
      return undefined;
  }
}

/** Validates answers against one (cached) Model per survey version. Unknown keys are dropped. */
export class AnswerValidator {
  private readonly models = new Map<string, Model>();

  constructor(private readonly maxModels = 200) {}

  private model(versionId: string, definition: JsonObject): Model {
    let model = this.models.get(versionId);
    if (!model) {
      model = new Model(definition);
      if (this.models.size >= this.maxModels) this.models.delete(this.models.keys().next().value!);
      this.models.set(versionId, model);
    }
    return model;
  }

  check(versionId: string, definition: JsonObject, answers: unknown): AnswerCheck {
    if (!isJsonObject(answers)) return { ok: false, errors: [{ path: "/data", message: "Send the answers as an object: { \"question name\": answer }." }] };
    const model = this.model(versionId, definition);
    const data: JsonObject = {};
    const errors: FieldError[] = [];
    const metrics: MetricValues = {};
    const scores: ScoredAnswer[] = [];
    for (const q of model.getAllQuestions(false, false, true)) {
      const value = answers[q.getValueName()];
      if (value === undefined || value === null) continue;
      const problem = typeError(q, value);
      if (problem) errors.push({ path: childPointer("/data", q.getValueName()), message: `${questionLabel(q.name, q.title)}: ${problem}` });
      else data[q.getValueName()] = value;
      const comment = answers[`${q.getValueName()}-Comment`];
      if (typeof comment === "string" && (q.hasComment || q.hasOther)) data[`${q.getValueName()}-Comment`] = comment.slice(0, 10_000);
    }
    if (errors.length) return { ok: false, errors };
    // Assigning data replaces the previous respondent's answers; clear() would cost three times the check.
    model.data = data;
    model.validate(true, false);
    for (const q of model.getAllQuestions(true)) {
      for (const e of q.errors) errors.push({ path: childPointer("/data", q.getValueName()), message: `${questionLabel(q.name, q.title)}: ${e.getText() || "check this answer."}` });
      const metric = q.getPropertyValue("metric") as MetricRole | undefined;
      const value = data[q.getValueName()];
      if (!metric || metric === "comment" || typeof value !== "number") continue;
      if (metrics[metric] === undefined) metrics[metric] = value;
      const scale = metricScales[metric];
      scores.push({ metric, series: `${metric}@${scale.min}-${scale.max}`, question: q.name, value });
    }
    return errors.length ? { ok: false, errors } : { ok: true, data, metrics, scores };
  }
}
