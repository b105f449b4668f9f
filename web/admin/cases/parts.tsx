// Small pieces the case pages share: status, priority and timing in words, and who may work a case.
import type { CaseItem, CasePriority, CaseStatus } from "../cases-queries";
import type { Role } from "../queries";
import "./cases.css";

export const statusWords: Record<CaseStatus, string> = { open: "Open", contacted: "Contacted", resolved: "Resolved", unreachable: "Could not reach" };
export const priorityWords: Record<CasePriority, string> = { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" };
export const priorities = ["urgent", "high", "normal", "low"] as const satisfies readonly CasePriority[];

export const canWork = (role: Role) => role === "agent" || role === "manager" || role === "admin";
export const canReassign = (role: Role) => role === "manager" || role === "admin";

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`badge case-status case-status-${status}`} data-testid="case-status">
      {statusWords[status]}
    </span>
  );
}

/** "3 h", "45 min", "2 days": a stretch of time as people say it. */
export function duration(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return `${Math.max(1, Math.round(m))} min`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h`;
  return `${Math.round(m / 1440)} days`;
}

/** Where a case stands against its due time, in words: colour only repeats it. */
export function timingText(item: Pick<CaseItem, "timing" | "closedAt">): string {
  const t = item.timing;
  if (!t) return "Closed";
  if (t.state === "overdue") return `Overdue by ${duration(t.minutesLeft)}`;
  return `${t.state === "due-soon" ? "Due soon: in" : "Due in"} ${duration(t.minutesLeft)}`;
}

export function Timing({ item }: { item: Pick<CaseItem, "timing" | "closedAt"> }) {
  return (
    <span className={`case-timing case-timing-${item.timing?.state ?? "closed"}`} data-testid="case-timing">
      {timingText(item)}
    </span>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export const when = (iso: string) => <time dateTime={iso}>{timeFormat.format(new Date(iso))}</time>;

export const customerOf = (c: Pick<CaseItem, "customer">) => c.customer.name ?? c.customer.email ?? "Unknown customer";
