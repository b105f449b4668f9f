// Customers' comments with their sentiment and theme chips, each linking to its response; used on the
// Responses and analytics pages alike.
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useComments, type Comment, type CommentFilters, type SentimentLabel } from "../comments-queries";
import { ProblemBanner } from "./feedback";
import { LoadMore } from "./paged-list";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const SENTIMENT: Record<SentimentLabel, { label: string; className: string }> = {
  positive: { label: "Positive", className: "badge sentiment-positive" },
  neutral: { label: "Neutral", className: "badge badge-muted" },
  negative: { label: "Negative", className: "badge sentiment-negative" },
};

export function SentimentBadge({ label }: { label: SentimentLabel }) {
  const s = SENTIMENT[label];
  return <span className={s.className}>{s.label}</span>;
}

const SKELETON_SLOTS = ["a", "b", "c", "d", "e", "f"];

/** Placeholder rows shaped like the content, while the first page loads (at most six). */
export function SkeletonRows({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="skeleton-list">
      {SKELETON_SLOTS.slice(0, rows).map((slot) => (
        <div key={slot} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

function scoreNote(c: Comment) {
  if (c.nps !== null) return `NPS ${c.nps}`;
  if (c.csat !== null) return `CSAT ${c.csat}`;
  return null;
}

function CommentItem({ comment: c }: { comment: Comment }) {
  const context = [c.unit?.name, c.agent?.name, c.channel, scoreNote(c)].filter(Boolean).join(" · ");
  return (
    <li className="comment" data-testid="comment">
      <blockquote className="comment-text">{c.text}</blockquote>
      <p className="comment-tags">
        <SentimentBadge label={c.sentimentLabel} />
        {c.themes.map((t) => (
          <span key={t} className="badge theme-chip">
            {t}
          </span>
        ))}
      </p>
      <p className="comment-meta">
        <time dateTime={c.respondedAt}>{dateFormat.format(new Date(c.respondedAt))}</time>
        {context && ` · ${context}`} ·{" "}
        <Link to="/responses/$id" params={{ id: c.responseId }}>
          Open response<span className="sr-only"> of {dateFormat.format(new Date(c.respondedAt))}</span>
        </Link>
      </p>
    </li>
  );
}

type Props = {
  filters: CommentFilters;
  /** Comments a page; 20 unless told. */
  limit?: number;
  /** What to suggest when nothing matches; a generic line unless told. */
  empty?: ReactNode;
  label?: string;
};

export function CommentList({ filters, limit, empty, label = "Comments, newest first" }: Props) {
  const list = useComments(filters, limit);
  if (list.problem) return <ProblemBanner error={list.problem} />;
  if (list.items === null) return <SkeletonRows label="Loading comments" />;
  if (list.items.length === 0) {
    return (
      <div className="empty-state" data-testid="comments-empty">
        {empty ?? <p>No comments match these filters. Widen the period or clear a filter to see more.</p>}
      </div>
    );
  }
  return (
    <>
      <ul className="comment-list" aria-label={label}>
        {list.items.map((c) => (
          <CommentItem key={c.id} comment={c} />
        ))}
      </ul>
      <LoadMore list={list} label="Show older comments" />
    </>
  );
}
