// SurveyJS definitions checked with survey-core: structure and metric roles on save, answers on submit.
// Heavy (survey-core); callers import this module lazily so routes that never validate stay light.
import { Model, Serializer, type Question } from "survey-core";
import type { FieldError } from "../errors";
import { metricRoles, metricScales, type MetricRole, type ScoredMetric } from "./metric-roles";

if (!Serializer.findProperty("question", "metric")) {
  Serializer.addProperty("question", { name: "metric", choices: [...metricRoles], category: "general" });
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function ratingValues(q: Question): unknown[] {
  return (q as unknown as { visibleRateValues: { value: unknown }[] }).visibleRateValues.map((i) => i.value);
}

function walkElements(def: Json, errors: FieldError[]): { name: string; path: string }[] {
  const found: { name: string; path: string }[] = [];
  const visit = (elements: unknown, path: string) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) return void errors.push({ path, message: "must be an array of elements" });
    elements.forEach((el, i) => {
      const at = `${path}/${i}`;
      if (!isObject(el)) return void errors.push({ path: at, message: "must be an object" });
      const type = el.type;
      if (typeof type !== "string" || !Serializer.findClass(type)) {
        return void errors.push({ path: `${at}/type`, message: `unknown question type ${JSON.stringify(type)}` });
      }
      if (typeof el.name !== "string" || el.name.trim() === "") {
        return void errors.push({ path: `${at}/name`, message: "every element needs a name" });
      }
      if (Serializer.isDescendantOf(type, "question")) found.push({ name: el.name, path: at });
      visit(el.elements, `${at}/elements`);
      visit(el.templateElements, `${at}/templateElements`);
    });
  };
  if (Array.isArray(def.pages)) {
    def.pages.forEach((page, i) =>
      isObject(page) ? visit(page.elements, `/pages/${i}/elements`) : errors.push({ path: `/pages/${i}`, message: "must be an object" }),
    );
  } else if (def.pages !== undefined) {
    errors.push({ path: "/pages", message: "must be an array of pages" });
  }
  visit(def.elements, "/elements");
  visit(def.questions, "/questions");
  return found;
}

function checkMetric(q: Question, path: string): FieldError | undefined {
  const metric = q.getPropertyValue("metric") as string | undefined;
  if (metric === undefined || metric === null || metric === "") return;
  if (!(metricRoles as readonly string[]).includes(metric)) {
    return { path: `${path}/metric`, message: `unknown metric ${JSON.stringify(metric)}; use one of ${metricRoles.join(", ")}` };
  }
  if (metric === "comment") {
    return ["comment", "text"].includes(q.getType()) ? undefined : { path, message: "a comment metric needs a comment or text question" };
  }
  const scale = metricScales[metric as ScoredMetric];
  if (q.getType() !== "rating") return { path, message: `a ${metric} metric needs a rating question` };
  const values = ratingValues(q);
  const expected = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
    return { path, message: `a ${metric} question must rate ${scale.label} in steps of 1` };
  }
}

/** Structural check of a survey definition; returns field errors (empty when usable). */
export function checkDefinition(definition: unknown): FieldError[] {
  if (!isObject(definition)) return [{ path: "/definition", message: "must be a SurveyJS JSON object" }];
  const errors: FieldError[] = [];
  const elements = walkElements(definition, errors);
  const seen = new Map<string, string>();
  for (const { name, path } of elements) {
    const first = seen.get(name);
    if (first) errors.push({ path: `${path}/name`, message: `duplicate question name ${JSON.stringify(name)} (also at ${first})` });
    else seen.set(name, path);
  }
  if (errors.length) return errors.map((e) => ({ ...e, path: `/definition${e.path}` }));
  const model = new Model(definition);
  const questions = model.getAllQuestions(false, false, true);
  if (questions.length === 0) return [{ path: "/definition", message: "a survey needs at least one question" }];
  for (const q of questions) {
    const error = checkMetric(q, seen.get(q.name) ?? "");
    if (error) errors.push({ ...error, path: `/definition${error.path}` });
  }
  return errors;
}

export type MetricValues = Partial<Record<ScoredMetric, number>>;
export type AnswerCheck = { ok: true; data: Json; metrics: MetricValues } | { ok: false; errors: FieldError[] };

function typeError(q: Question, value: unknown): string | undefined {
  const type = q.getType();
  const choiceValues = () => (q as unknown as { visibleChoices?: { value: unknown }[] }).visibleChoices?.map((c) => c.value) ?? [];
  switch (type) {
    case "rating": {
      const values = ratingValues(q);
      return values.includes(value) ? undefined : `must be one of ${values.join(", ")}`;
    }
    case "text":
    case "comment":
      return typeof value === "string" && value.length <= 10_000 ? undefined : "must be text of at most 10,000 characters";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "radiogroup":
    case "dropdown":
      return choiceValues().includes(value) ? undefined : "must be one of the offered choices";
    case "checkbox":
    case "tagbox":
      return Array.isArray(value) && value.every((v) => choiceValues().includes(v)) ? undefined : "must be a list of the offered choices";
    default:
      return undefined;
  }
}

/** Validates answers against one (cached) Model per survey version. Unknown keys are dropped. */
export class AnswerValidator {
  private readonly models = new Map<string, Model>();

  constructor(private readonly maxModels = 200) {}

  private model(versionId: string, definition: Json): Model {
    let model = this.models.get(versionId);
    if (!model) {
      model = new Model(definition);
      if (this.models.size >= this.maxModels) this.models.delete(this.models.keys().next().value!);
      this.models.set(versionId, model);
    }
    return model;
  }

  check(versionId: string, definition: Json, answers: unknown): AnswerCheck {
    if (!isObject(answers)) return { ok: false, errors: [{ path: "/data", message: "must be an object of answers" }] };
    const model = this.model(versionId, definition);
    const data: Json = {};
    const errors: FieldError[] = [];
    const metrics: MetricValues = {};
    for (const q of model.getAllQuestions(false, false, true)) {
      const value = answers[q.getValueName()];
      if (value === undefined || value === null) continue;
      const problem = typeError(q, value);
      if (problem) errors.push({ path: `/data/${q.getValueName()}`, message: problem });
      else data[q.getValueName()] = value;
      const comment = answers[`${q.getValueName()}-Comment`];
      if (typeof comment === "string" && (q.hasComment || q.hasOther)) data[`${q.getValueName()}-Comment`] = comment.slice(0, 10_000);
    }
    if (errors.length) return { ok: false, errors };
    // Assigning data replaces the previous respondent's answers; clear() would cost three times the check.
    model.data = data;
    model.validate(true, false);
    for (const q of model.getAllQuestions(true)) {
      for (const e of q.errors) errors.push({ path: `/data/${q.getValueName()}`, message: e.getText() || "is not valid" });
      const metric = q.getPropertyValue("metric") as MetricRole | undefined;
      const value = data[q.getValueName()];
      if (metric && metric !== "comment" && typeof value === "number" && metrics[metric] === undefined) metrics[metric] = value;
    }
    return errors.length ? { ok: false, errors } : { ok: true, data, metrics };
  }
}
