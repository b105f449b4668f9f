// /scorecard (an agent's own) and /staff/$id/scorecard (anyone's, for reviewers, managers and admins).
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { ApiError } from "../../shared/api-client";
import { ScorecardView } from "../kpis/scorecard-view";
import "../kpis/kpis.css";
import { myScorecardQuery, scorecardQuery, type ScorecardRange } from "../kpis-queries";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner } from "../ui/feedback";
import { readsKpis } from "./kpis.page";

function RangeSelect({ value, onChange }: { value: ScorecardRange; onChange: (r: ScorecardRange) => void }) {
  return (
    <div className="field field-narrow scorecard-range">
      <label htmlFor="scorecard-range">Period</label>
      <select id="scorecard-range" value={value} onChange={(e) => onChange(e.target.value as ScorecardRange)}>
        <option value="90d">Last 90 days</option>
        <option value="12m">Last 12 months</option>
      </select>
    </div>
  );
}

function MyScorecard() {
  const [range, setRange] = useState<ScorecardRange>("90d");
  const card = useQuery(myScorecardQuery(range));
  const notLinked = card.error instanceof ApiError && card.error.status === 404;
  return (
    <>
      <PageHeading title="My scorecard">My scorecard</PageHeading>
      {notLinked ? (
        <div className="empty-state" data-testid="scorecard-not-linked">
          <p>
            <strong>Your account is not linked to your staff record yet,</strong> so there are no figures to show. Ask an admin to link it on the People page; your scorecard then shows the answers
            customers gave about you.
          </p>
        </div>
      ) : (
        <>
          <RangeSelect value={range} onChange={setRange} />
          <ProblemBanner error={card.error} />
          {card.isPending && <Loading>Loading your scorecard…</Loading>}
          {card.data && <ScorecardView scorecard={card.data} />}
        </>
      )}
    </>
  );
}

export function ScorecardPage(): ReactNode {
  const { me } = useSession();
  if (me.role === "agent") return <MyScorecard />;
  return (
    <>
      <PageHeading title="Scorecards">Scorecards</PageHeading>
      <p data-testid="not-for-role">
        This page shows an agent their own scorecard; you are signed in as {me.role}. Open a staff member's scorecard from the staff table on the <Link to="/analytics">Analytics</Link> page.
      </p>
    </>
  );
}

export function StaffScorecardPage({ agentId }: { agentId: string }): ReactNode {
  const { me } = useSession();
  const allowed = readsKpis(me.role);
  const [range, setRange] = useState<ScorecardRange>("90d");
  const card = useQuery({ ...scorecardQuery(agentId, range), enabled: allowed });
  if (!allowed) {
    return (
      <>
        <PageHeading title="Scorecard">Scorecard</PageHeading>
        <p data-testid="not-for-role">
          Staff scorecards are not for your role: they need the reviewer, manager or admin role, and you are signed in as {me.role}. <Link to="/scorecard">Open your own scorecard</Link>.
        </p>
      </>
    );
  }
  const name = card.data?.agent.name;
  return (
    <>
      <PageHeading title={name ? `${name}'s scorecard` : "Scorecard"}>{name ? `${name}'s scorecard` : "Scorecard"}</PageHeading>
      <RangeSelect value={range} onChange={setRange} />
      <ProblemBanner error={card.error} />
      {card.isPending && <Loading>Loading the scorecard…</Loading>}
      {card.data && <ScorecardView scorecard={card.data} />}
    </>
  );
}
