// The draft's questions with their metric role; choosing a role rewrites `metric` in the JSON.
import { ScrollRegion } from "../ui/scroll-region";
import type { MetricRole } from "../../../server/domain/metric-roles";
import type { QuestionEntry } from "./survey-json";

const roleLabels: Record<MetricRole, string> = {
  nps: "NPS (0–10)",
  csat: "CSAT (1–5)",
  ces: "CES (1–7)",
  comment: "Comment",
};
const roles = Object.keys(roleLabels) as MetricRole[];
const isRole = (v: string): v is MetricRole => (roles as string[]).includes(v);

type Props = {
  questions: QuestionEntry[];
  editable: boolean;
  // Set while the JSON does not parse: roles cannot be rewritten into text that is not JSON.
  blockedReason: string | null;
  onMetric: (pointer: string, metric: MetricRole | "") => void;
};

export function QuestionsPanel({ questions, editable, blockedReason, onMetric }: Props) {
  return (
    <section className="panel" aria-labelledby="questions-heading">
      <h2 id="questions-heading">Questions</h2>
      <p className="muted small">The metric role tells the analytics what an answer measures.</p>
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
                      <select
                        aria-label={`Metric role for ${q.name}`}
                        value={q.metric}
                        disabled={!!blockedReason}
                        onChange={(e) => onMetric(q.pointer, isRole(e.target.value) ? e.target.value : "")}
                      >
                        <option value="">None</option>
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                        {q.metric && !isRole(q.metric) && <option value={q.metric}>{q.metric} (unknown)</option>}
                      </select>
                    ) : (
                      <span>{isRole(q.metric) ? roleLabels[q.metric] : q.metric || "None"}</span>
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
