// /settings: one place for everything an organisation sets up, so the main navigation stays short.
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useSession } from "../session";
import { PageHeading } from "../ui/feedback";

type Entry = { to: SettingsPath; title: string; about: string; roles: readonly string[] };
type SettingsPath = "/settings/cases" | "/settings/people" | "/settings/api-keys" | "/settings/contact-rules" | "/settings/suppressions" | "/settings/kiosks" | "/settings/themes" | "/import" | "/mailbox";

const both = ["admin", "manager"] as const;
const entries: Entry[] = [
  { to: "/settings/contact-rules", title: "Contact rules", about: "How often one customer may be surveyed, quiet hours, and each unit's time zone.", roles: both },
  { to: "/settings/suppressions", title: "Suppression list", about: "Addresses that unsubscribed, bounced or complained: nothing is emailed to them.", roles: both },
  { to: "/settings/cases", title: "Follow-up cases", about: "Which answers open a case, who owns it, and how long each priority has.", roles: ["admin", "manager", "reviewer"] },
  { to: "/settings/kiosks", title: "Kiosks", about: "A survey link per unit for walk-in customers, on a counter tablet or a printed poster.", roles: both },
  { to: "/settings/people", title: "People", about: "Who can sign in, and with which role.", roles: ["admin"] },
  { to: "/settings/api-keys", title: "API keys", about: "Keys your helpdesk, shop or CRM uses to post interactions.", roles: ["admin"] },
  { to: "/settings/themes", title: "Comment themes", about: "The keywords that sort comments into themes.", roles: ["admin"] },
  { to: "/import", title: "Import responses", about: "Answers collected by another tool, so trends start with your history.", roles: ["admin"] },
  { to: "/mailbox", title: "Dev mailbox", about: "The email this installation would have sent, while no mail provider is set up.", roles: ["admin"] },
];

export function SettingsPage(): ReactNode {
  const { me } = useSession();
  const mine = entries.filter((e) => e.roles.includes(me.role));
  return (
    <>
      <PageHeading title="Settings">Settings</PageHeading>
      {mine.length === 0 ? (
        <p>There is nothing to set up with your role. An admin of your organisation can change its settings.</p>
      ) : (
        <ul className="settings-list">
          {mine.map((e) => (
            <li key={e.to}>
              <Link to={e.to} className="settings-link">
                {e.title}
              </Link>
              <p className="muted">{e.about}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
