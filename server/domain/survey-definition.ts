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

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

function titleText(title: unknown): string {
  if (typeof title === "string") return title.trim();
  if (isObject(title) && typeof title.default === "string") return title.default.trim();
  return "";
}

/** How messages name a question: by its title as the editor shows it, with its name to tell twins apart. */
export function questionLabel(name: string, title: unknown): string {
  const shown = titleText(title);
  return shown && shown !== name ? `Question “${shorten(shown)}” (${name})` : `Question “${name}”`;
}

type Found = { name: string; path: string; label: string };

function walkElements(def: Json, errors: FieldError[]): Found[] {
  const found: Found[] = [];
  const visit = (elements: unknown, path: string, where: string) => {
    if (elements === undefined) return;
    if (!Array.isArray(elements)) return void errors.push({ path, message: `${where}: write its elements as a list: [ … ].` });
    elements.forEach((el, i) => {
      const at = `${path}/${i}`;
      const position = `Element ${i + 1} ${where.startsWith("Panel") ? "in" : "on"} ${where.charAt(0).toLowerCase()}${where.slice(1)}`;
      if (!isObject(el)) return void errors.push({ path: at, message: `${position}: write it as an object: { "type": …, "name": … }.` });
      const named = typeof el.name === "string" && el.name.trim() !== "";
      const label = named ? questionLabel(el.name as string, el.title) : position;
      const type = el.type;
      if (typeof type !== "string" || !Serializer.findClass(type)) {
        const said = typeof type === "string" ? `“${type}” is not a question type` : "it has no question type";
        return void errors.push({ path: `${at}/type`, message: `${label}: ${said}; set "type" to one such as rating, text or comment.` });
      }
      if (!named) {
        const titled = titleText(el.title);
        return void errors.push({ path: `${at}/name`, message: `${position}${titled ? ` (“${shorten(titled)}”)` : ""}: give it a name, such as "name": "q${i + 1}".` });
      }
      if (Serializer.isDescendantOf(type, "question")) found.push({ name: el.name as string, path: at, label });
      visit(el.elements, `${at}/elements`, `Panel “${el.name as string}”`);
      visit(el.templateElements, `${at}/templateElements`, `Panel “${el.name as string}”`);
    });
  };
  if (Array.isArray(def.pages)) {
    def.pages.forEach((page, i) =>
      isObject(page)
        ? visit(page.elements, `/pages/${i}/elements`, `Page ${i + 1}`)
        : errors.push({ path: `/pages/${i}`, message: `Page ${i + 1}: write it as an object: { "elements": [ … ] }.` }),
    );
  } else if (def.pages !== undefined) {
    errors.push({ path: "/pages", message: `Write "pages" as a list of pages: [ { "elements": [ … ] } ].` });
  }
  visit(def.elements, "/elements", "The survey");
  visit(def.questions, "/questions", "The survey");
  return found;
}

const metricNames: Record<ScoredMetric, string> = { nps: "an NPS", csat: "a CSAT", ces: "a CES" };

function checkMetric(q: Question, path: string, label: string): FieldError | undefined {
  const metric = q.getPropertyValue("metric") as string | undefined;
  if (metric === undefined || metric === null || metric === "") return;
  if (!(metricRoles as readonly string[]).includes(metric)) {
    return { path: `${path}/metric`, message: `${label}: “${metric}” is not a metric role; choose ${metricRoles.slice(0, -1).join(", ")} or ${metricRoles.at(-1)}, or none.` };
  }
  if (metric === "comment") {
    return ["comment", "text"].includes(q.getType()) ? undefined : { path, message: `${label}: a comment metric needs a comment or text question.` };
  }
  const scale = metricScales[metric as ScoredMetric];
  const name = metricNames[metric as ScoredMetric];
  if (q.getType() !== "rating") return { path, message: `${label}: ${name} metric needs a rating question with a scale from ${scale.label}.` };
  const values = ratingValues(q);
  const expected = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
    return { path, message: `${label}: ${name} question needs a rating scale from ${scale.label} in steps of 1.` };
  }
}

/** Structural check of a survey definition; returns field errors (empty when usable). */
export function checkDefinition(definition: unknown): FieldError[] {
  if (!isObject(definition)) return [{ path: "/definition", message: "Send the definition as a SurveyJS JSON object: { … }." }];
  const errors: FieldError[] = [];
  const elements = walkElements(definition, errors);
  const seen = new Map<string, Found>();
  for (const found of elements) {
    const first = seen.get(found.name);
    if (first) {
      const other = first.label === found.label ? "another question" : first.label.replace(/^Question/, "question");
      errors.push({ path: `${found.path}/name`, message: `${found.label}: ${other} already has the name “${found.name}”; give each question its own name.` });
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
export type AnswerCheck = { ok: true; data: Json; metrics: MetricValues } | { ok: false; errors: FieldError[] };

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
    if (!isObject(answers)) return { ok: false, errors: [{ path: "/data", message: "Send the answers as an object: { \"question name\": answer }." }] };
    const model = this.model(versionId, definition);
    const data: Json = {};
    const errors: FieldError[] = [];
    const metrics: MetricValues = {};
    for (const q of model.getAllQuestions(false, false, true)) {
      const value = answers[q.getValueName()];
      if (value === undefined || value === null) continue;
      const problem = typeError(q, value);
      if (problem) errors.push({ path: `/data/${q.getValueName()}`, message: `${questionLabel(q.name, q.title)}: ${problem}` });
      else data[q.getValueName()] = value;
      const comment = answers[`${q.getValueName()}-Comment`];
      if (typeof comment === "string" && (q.hasComment || q.hasOther)) data[`${q.getValueName()}-Comment`] = comment.slice(0, 10_000);
    }
    if (errors.length) return { ok: false, errors };
    // Assigning data replaces the previous respondent's answers; clear() would cost three times the check.
    model.data = data;
    model.validate(true, false);
    for (const q of model.getAllQuestions(true)) {
      for (const e of q.errors) errors.push({ path: `/data/${q.getValueName()}`, message: `${questionLabel(q.name, q.title)}: ${e.getText() || "check this answer."}` });
      const metric = q.getPropertyValue("metric") as MetricRole | undefined;
      const value = data[q.getValueName()];
      if (metric && metric !== "comment" && typeof value === "number" && metrics[metric] === undefined) metrics[metric] = value;
    }
    return errors.length ? { ok: false, errors } : { ok: true, data, metrics };
  }
}
