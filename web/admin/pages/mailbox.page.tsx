// The dev mailbox: emails the app would have sent, shown safely (HTML only inside a sandboxed frame).
import { useMemo, useState } from "react";
import { mailboxQuery, type MailMessage } from "../queries";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { LoadMore, usePagedList } from "../ui/paged-list";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// DOMParser builds an inert document: no scripts run and nothing loads, so reading links is safe.
export function linksIn(message: Pick<MailMessage, "html" | "text">): string[] {
  const found: string[] = [];
  if (message.html) {
    const doc = new DOMParser().parseFromString(message.html, "text/html");
    for (const a of doc.querySelectorAll("a[href]")) found.push(a.getAttribute("href") ?? "");
  }
  for (const match of (message.text ?? "").matchAll(/https?:\/\/[^\s<>"')\]]+/g)) found.push(match[0]);
  return [...new Set(found.map((href) => href.trim()))].filter((href) => /^https?:\/\//i.test(href));
}

function MessageView({ message }: { message: MailMessage }) {
  const links = useMemo(() => linksIn(message), [message]);
  return (
    <article className="mail-view" aria-labelledby="mail-subject" data-testid="mail-view">
      <h2 id="mail-subject">{message.subject}</h2>
      <p className="muted small">
        To {message.to} · <time dateTime={message.createdAt}>{timeFormat.format(new Date(message.createdAt))}</time>
      </p>
      <h3>Links</h3>
      {links.length === 0 ? (
        <p className="muted">No links in this email.</p>
      ) : (
        <ul className="mail-links">
          {links.map((href) => (
            <li key={href}>
              <a href={href} data-testid="mail-link" rel="noreferrer">
                {href}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h3>Text part</h3>
      <pre className="mail-text">{message.text || "(no text part)"}</pre>
      <h3>HTML part</h3>
      {message.html ? (
        <iframe className="mail-html" sandbox="" srcDoc={message.html} title={`HTML of “${message.subject}”`} />
      ) : (
        <p className="muted">(no HTML part)</p>
      )}
    </article>
  );
}

export function MailboxPage() {
  const list = usePagedList(mailboxQuery);
  const { items: messages, problem, reload: load } = list;
  const loading = messages === null && !problem;
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const selected = messages?.find((m) => m.id === selectedId) ?? null;

  return (
    <>
      <div className="title-row">
        <PageHeading title="Dev mailbox">Dev mailbox</PageHeading>
        <button type="button" className="button secondary small" onClick={() => void load()} disabled={loading}>
          Refresh
        </button>
      </div>
      <p className="muted">Without an email provider configured, outgoing email lands here instead of being sent.</p>
      <ProblemBanner error={problem} />
      {loading && !messages && <Loading>Loading messages…</Loading>}
      {messages?.length === 0 && <p data-testid="mailbox-empty">No emails yet.</p>}
      {messages && messages.length > 0 && (
        <div className="mailbox">
          <ul className="mail-list" aria-label="Emails, newest first">
            {messages.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="mail-item"
                  aria-pressed={m.id === selectedId}
                  onClick={() => setSelectedId(m.id)}
                  data-testid="mail-item"
                >
                  <span className="mail-subject">{m.subject}</span>
                  <span className="mail-meta">
                    {m.to} · <time dateTime={m.createdAt}>{timeFormat.format(new Date(m.createdAt))}</time>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {selected ? <MessageView message={selected} /> : <p className="muted mail-placeholder">Choose an email to read it.</p>}
        </div>
      )}
      <LoadMore list={list} label="Show older emails" />
    </>
  );
}
