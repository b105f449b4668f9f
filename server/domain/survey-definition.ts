// SurveyJS definitions checked with survey-core: structure and metric roles on save, answers on submit.
// Heavy (survey-core); callers import this module lazily so routes that never validate stay light.
import "./survey-metric";
import { Model, Serializer, type Question } from "survey-core";
import type { FieldError } from "../errors";
import { childPointer } from "./json-pointer";
import { compareSeries, fixedRoles, parseMetricRole, scalesLabel, scalesOf, seriesOf, type ColumnMetric, type QuestionSeries, type SeriesChange } from "./metric-roles";
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

const metricNames: Record<string, string> = { nps: "an NPS", csat: "a CSAT", ces: "a CES", loyalty: "a loyalty", dimension: "a dimension" };
const roleChoices = `${fixedRoles.join(", ")} or dimension:<name>`;

/** The scale of a rating question when it is whole steps of 1 (min and max), else undefined. */
function wholeScale(q: Question): { min: number; max: number } | undefined {
  const values = ratingValues(q);
  const min = values[0];
  if (typeof min !== "number" || !values.every((v, i) => v === min + i)) return;
  return { min, max: min + values.length - 1 };
}

function checkMetric(q: Question, path: string, label: string): FieldError | undefined {
  const metric: unknown = q.getPropertyValue("metric");
  if (metric === undefined || metric === null || metric === "") return;
  const parsed = parseMetricRole(metric);
  if (!parsed.ok) {
    const at = childPointer(path, "metric");
    if (parsed.reason === "dimension-name") {
      return { path: at, message: `${label}: name the dimension with 1 to 40 lowercase letters, digits or hyphens, such as “dimension:time-taken”.` };
    }
    return { path: at, message: `${label}: “${String(metric)}” is not a metric role; choose ${roleChoices}, or none.` };
  }
  if (parsed.kind === "comment") {
    return ["comment", "text"].includes(q.getType()) ? undefined : { path, message: `${label}: a comment metric needs a comment or text question.` };
  }
  const allowed = scalesLabel(parsed.role);
  const name = metricNames[parsed.kind];
  if (q.getType() !== "rating") return { path, message: `${label}: ${name} metric needs a rating question with a scale from ${allowed}.` };
  const scale = wholeScale(q);
  if (!scale || !scalesOf(parsed.role).some((s) => s.min === scale.min && s.max === scale.max)) {
    return { path, message: `${label}: ${name} question needs a rating scale from ${allowed} in steps of 1.` };
  }
}

type ScoredQuestion = QuestionSeries & { label: string };

/** The rated questions with a scored role and the series each one's answers go to (role and its actual scale). */
function scoredQuestions(model: Model): ScoredQuestion[] {
  const found: ScoredQuestion[] = [];
  for (const q of model.getAllQuestions(false, false, true)) {
    const parsed = parseMetricRole(q.getPropertyValue("metric"));
    if (!parsed.ok || parsed.kind === "comment" || q.getType() !== "rating") continue;
    const scale = wholeScale(q);
    if (!scale) continue;
    found.push({ question: q.name, label: questionLabel(q.name, q.title), metric: parsed.role, series: seriesOf(parsed.role, scale.min, scale.max), ...scale });
  }
  return found;
}

/** Every scored question of a definition with its series, in page order. */
export const definitionSeries = (definition: JsonObject): ScoredQuestion[] => scoredQuestions(new Model(definition));

/** What publishing the draft over the published definition does to series (see compareSeries). */
export const seriesChanges = (published: JsonObject, draft: JsonObject): SeriesChange[] => compareSeries(definitionSeries(published), definitionSeries(draft));

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

export type MetricValues = Partial<Record<ColumnMetric, number>>;
/** A rated answer by what it measures; `series` is the role and its scale, e.g. "csat@1-5". */
export type ScoredAnswer = { metric: string; series: string; question: string; value: number };

/** A free-text answer: a question with the comment role, or a long-text question without a role. */
export type CommentAnswer = { question: string; text: string };

export type AnswerCheck = { ok: true; data: JsonObject; metrics: MetricValues; scores: ScoredAnswer[]; comments: CommentAnswer[] } | { ok: false; errors: FieldError[] };

function isCommentQuestion(q: Question): boolean {
  const role = q.getPropertyValue("metric");
  if (role === "comment") return true;
  return (role === undefined || role === null || role === "") && q.getType() === "comment";
}

function typeError(q: Question, value: unknown): string | undefined {
  const type = q.getType();
  const choiceValues = () => (q as unknown as { visibleChoices?: { value: unknown }[] }).visibleChoices?.map((c) => c.value) ?? [];
  switch (type) {
    case "rating": {
      const values = ratingValues(q);
      return values.includes(value) ? undefined : `choose one of ${values.join(", ")}.`;
    }
    case "text":
      // SurveyJS keeps a number field's answer as a number.
      if (typeof value === "number" && ["number", "range"].includes(String((q as unknown as { inputType?: string }).inputType))) return Number.isFinite(value) ? undefined : "give a number.";
      return typeof value === "string" && value.length <= 10_000 ? undefined : "write at most 10,000 characters.";
    case "comment":
      return typeof value === "string" && value.length <= 10_000 ? undefined : "write at most 10,000 characters.";
    case "boolean": {
      // A question may answer with its own values for yes and no (valueTrue, valueFalse) instead of true and false.
      const b = q as unknown as { valueTrue?: unknown; valueFalse?: unknown };
      return ([b.valueTrue ?? true, b.valueFalse ?? false] as unknown[]).includes(value) ? undefined : "answer yes or no.";
    }
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

const columnMetrics: readonly string[] = ["nps", "csat", "ces"] satisfies ColumnMetric[];

type Checked = { model: Model; scored: Map<string, QuestionSeries> };

/** Validates answers against one (cached) Model per survey version. Unknown keys are dropped. */
export class AnswerValidator {
  private readonly models = new Map<string, Checked>();

  constructor(private readonly maxModels = 200) {}

  private model(versionId: string, definition: JsonObject): Checked {
    let checked = this.models.get(versionId);
    if (!checked) {
      const model = new Model(definition);
      // Series are worked out once per version: a question's role and scale never change within one.
      checked = { model, scored: new Map(scoredQuestions(model).map((s) => [s.question, s])) };
      if (this.models.size >= this.maxModels) this.models.delete(this.models.keys().next().value!);
      this.models.set(versionId, checked);
    }
    return checked;
  }

  /**
   * The pages and questions that apply to `answers`, as SurveyJS would show them: each visible page's index among
   * the definition's pages and the names of its visible questions. What a page without JavaScript must show next.
   */
  layout(versionId: string, definition: JsonObject, answers: JsonObject): { index: number; questions: string[] }[] {
    const { model } = this.model(versionId, definition);
    model.data = answers;
    return model.visiblePages.map((page) => ({ index: model.pages.indexOf(page), questions: page.questions.filter((q) => q.isVisible).map((q) => q.name) }));
  }

  check(versionId: string, definition: JsonObject, answers: unknown): AnswerCheck {
    if (!isJsonObject(answers)) return { ok: false, errors: [{ path: "/data", message: "Send the answers as an object: { \"question name\": answer }." }] };
    const { model, scored } = this.model(versionId, definition);
    const data: JsonObject = {};
    const errors: FieldError[] = [];
    const metrics: MetricValues = {};
    const scores: ScoredAnswer[] = [];
    const comments: CommentAnswer[] = [];
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
      const series = scored.get(q.name);
      const value = data[q.getValueName()];
      if (typeof value === "string" && value.trim() !== "" && isCommentQuestion(q)) comments.push({ question: q.name, text: value.trim() });
      if (!series || typeof value !== "number") continue;
      if (columnMetrics.includes(series.metric) && metrics[series.metric as ColumnMetric] === undefined) metrics[series.metric as ColumnMetric] = value;
      scores.push({ metric: series.metric, series: series.series, question: q.name, value });
    }
    return errors.length ? { ok: false, errors } : { ok: true, data, metrics, scores, comments };
  }
}
