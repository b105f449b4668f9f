// The draft's questions with their metric role; choosing a role rewrites `metric` in the JSON.
import { useEffect, useState } from "react";
import { ScrollRegion } from "../ui/scroll-region";
import { DIMENSION_PREFIX, parseMetricRole, scalesLabel, slugDimension, type MetricRole } from "../../../server/domain/metric-roles";
import type { QuestionEntry } from "./survey-json";

type Choice = "nps" | "csat" | "ces" | "loyalty" | "dimension" | "comment";
const choiceLabels: Record<Choice, string> = {
  nps: "NPS",
  csat: "CSAT",
  ces: "CES",
  loyalty: "Loyalty (will use us again)",
  dimension: "Dimension",
  comment: "Comment",
};
const choices = Object.keys(choiceLabels) as Choice[];
const sample: Record<Choice, string> = { nps: "nps", csat: "csat", ces: "ces", loyalty: "loyalty", dimension: `${DIMENSION_PREFIX}x`, comment: "comment" };
const scaleNote = (choice: Choice) => (choice === "comment" ? "Free text" : `Scale ${scalesLabel(sample[choice])}`);
const optionLabel = (choice: Choice) => (choice === "comment" ? choiceLabels[choice] : `${choiceLabels[choice]} (${scalesLabel(sample[choice]).replaceAll(" to ", "–")})`);

function choiceOf(metric: string): Choice | "" | null {
  if (!metric) return "";
  const parsed = parseMetricRole(metric);
  if (parsed.ok) return parsed.kind;
  return metric.startsWith(DIMENSION_PREFIX) ? "dimension" : null;
}

const dimensionOf = (metric: string) => (metric.startsWith(DIMENSION_PREFIX) ? metric.slice(DIMENSION_PREFIX.length) : "");

type Props = {
  questions: QuestionEntry[];
  editable: boolean;
  // Set while the JSON does not parse: roles cannot be rewritten into text that is not JSON.
  blockedReason: string | null;
  onMetric: (pointer: string, metric: MetricRole | "") => void;
};

/** What is typed stays as typed; the role takes its slug, so "Time taken" is kept as dimension:time-taken. */
function DimensionName({ question, disabled, onMetric }: { question: QuestionEntry; disabled: boolean; onMetric: Props["onMetric"] }) {
  const stored = dimensionOf(question.metric);
  const [typed, setTyped] = useState(stored);
  useEffect(() => {
    setTyped((current) => (slugDimension(current) === stored ? current : stored));
  }, [stored]);
  const id = `dimension-${question.pointer.replaceAll("/", "-")}`;
  return (
    <span className="cell-note">
      <label htmlFor={id}>Dimension name</label>{" "}
      <input
        id={id}
        size={16}
        maxLength={60}
        value={typed}
        disabled={disabled}
        aria-describedby={`${id}-kept`}
        onChange={(e) => {
          setTyped(e.target.value);
          onMetric(question.pointer, `${DIMENSION_PREFIX}${slugDimension(e.target.value)}`);
        }}
      />{" "}
      <span id={`${id}-kept`}>
        Kept as <code>{question.metric}</code>
      </span>
    </span>
  );
}

function RolePicker({ question, blockedReason, onMetric }: { question: QuestionEntry; blockedReason: string | null; onMetric: Props["onMetric"] }) {
  const choice = choiceOf(question.metric);
  const pick = (value: string) => {
    if (value === "") return onMetric(question.pointer, "");
    if (value === "dimension") {
      // A dimension needs a name: start from the question's own, which the name field can then change.
      const name = slugDimension(question.title || question.name) || "rating";
      return onMetric(question.pointer, `${DIMENSION_PREFIX}${name}`);
    }
    const parsed = parseMetricRole(value);
    if (parsed.ok) onMetric(question.pointer, parsed.role);
  };
  return (
    <>
      <select aria-label={`Metric role for ${question.name}`} value={choice ?? question.metric} disabled={!!blockedReason} onChange={(e) => pick(e.target.value)}>
        <option value="">None</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {optionLabel(c)}
          </option>
        ))}
        {choice === null && <option value={question.metric}>{question.metric} (unknown)</option>}
      </select>
      {choice && <span className="cell-note">{scaleNote(choice)}</span>}
      {choice === "dimension" && <DimensionName question={question} disabled={!!blockedReason} onMetric={onMetric} />}
    </>
  );
}

function roleText(metric: string): string {
  const choice = choiceOf(metric);
  if (choice === "") return "None";
  if (choice === null) return metric;
  return choice === "dimension" ? `Dimension “${dimensionOf(metric)}”` : choiceLabels[choice];
}

export function QuestionsPanel({ questions, editable, blockedReason, onMetric }: Props) {
  return (
    <section className="panel" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      <p className="muted small">The metric role tells the analytics what an answer measures. Changing a question's role or scale later starts a new series.</p>
      {blockedReason && <p className="small warn-text">{blockedReason}</p>}
      {questions.length === 0 ? (
        <p className="muted">No questions yet.</p>
      ) : (
        <ScrollRegion labelledBy="questions-heading">
          <table className="table compact" data-testid="questions-table">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Type</th>
                <th scope="col">Metric role</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.pointer} data-testid="question-row">
                  <td>
                    <code>{q.name}</code>
                    {q.title && <span className="cell-note">{q.title}</span>}
                  </td>
                  <td>{q.type || "?"}</td>
                  <td>
                    {editable ? (
                      <RolePicker question={q} blockedReason={blockedReason} onMetric={onMetric} />
                    ) : (
                      <span>
                        {roleText(q.metric)}
                        {choiceOf(q.metric) && choiceOf(q.metric) !== "comment" && <span className="cell-note">{scaleNote(choiceOf(q.metric) as Choice)}</span>}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
