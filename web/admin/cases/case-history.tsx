// A case's history, oldest first: notes, changes and the emails sent to the customer, each shown whole.
import type { CaseEvent } from "../cases-queries";
import { priorityWords, statusWords, when } from "./parts";

const str = (v: unknown) => (typeof v === "string" ? v : null);

function summary(e: CaseEvent): string {
  const d = e.data ?? {};
  switch (e.kind) {
    case "opened":
      return "Case opened";
    case "note":
      return "Note";
    case "status": {
      const priority = str(d.priority);
      if (priority) return `Priority now ${priorityWords[priority as keyof typeof priorityWords] ?? priority}`;
      const from = str(d.from);
      const to = str(d.to);
      const word = (s: string | null) => (s ? (statusWords[s as keyof typeof statusWords] ?? s) : "—");
      return `Status: ${word(from)} → ${word(to)}`;
    }
    case "assigned":
      return e.body ? `Assigned to ${e.body}` : "Owner removed";
    case "root-cause":
      return e.body ? `Root cause: ${e.body}` : "Root cause cleared";
    case "email":
      return "Email to the customer";
    case "resurvey":
      return "Re-survey sent";
    case "escalated":
      return "Escalated";
  }
}

function EventBody({ e }: { e: CaseEvent }) {
  if (e.kind === "email") {
    return (
      <div className="case-email" data-testid="case-email">
        <p className="small">
          To <span className="break-anywhere">{str(e.data?.to) ?? "the customer"}</span> · Subject: <strong>{str(e.data?.subject) ?? "—"}</strong>
        </p>
        <p className="case-email-body">{e.body}</p>
      </div>
    );
  }
  if (e.kind === "note" || e.kind === "opened" || e.kind === "escalated") return e.body ? <p className="case-note-body">{e.body}</p> : null;
  return null;
}

export function CaseHistory({ events }: { events: CaseEvent[] }) {
  return (
    <ol className="case-history" data-testid="case-history">
      {events.map((e) => (
        <li key={e.id} className={`case-event case-event-${e.kind}`} data-testid="case-event">
          <p className="case-event-head">
            <strong>{summary(e)}</strong>{" "}
            <span className="small muted">
              {e.author ? `${e.author.name}, ` : "Rapport, "}
              {when(e.createdAt)}
            </span>
          </p>
          <EventBody e={e} />
        </li>
      ))}
    </ol>
  );
}
