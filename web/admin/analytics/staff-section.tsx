// Staff scorecards: ranked without rewarding tiny samples, the chance of a low score by luck beside it, the rest listed apart.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { exportHref, staffQuery, type Scope, type Staff } from "../analytics-queries";
import { ScrollRegion } from "../ui/scroll-region";
import { chance, count, figure, range, type MetricInfo } from "./format";
import { MinNField, Section, SectionProblem, Select, Skeleton } from "./parts";

type Method = "wilson" | "bayes";
const methodNames: Record<Method, string> = { wilson: "Wilson lower bound", bayes: "Bayesian average" };
// Below this, a low score is unlikely to be bad luck alone: worth a conversation, not a verdict.
const NOTABLE = 0.05;

type Props = { scope: Scope; metric: string; info: MetricInfo; minN: number; method: Method; set: (patch: { minN?: number; method?: Method }) => void };

export function StaffSection({ scope, metric, info, minN, method, set }: Props) {
  const staff = useQuery(staffQuery(scope, metric, minN, method));
  const data = staff.data;
  return (
    <Section
      id="staff"
      title="Staff scorecards"
      exportHref={exportHref("staff", scope, { metric, minN, method })}
      controls={
        <>
          <Select id="staff-method" label="Rank by" value={method} options={(Object.keys(methodNames) as Method[]).map((m) => ({ value: m, label: methodNames[m] }))} onChange={(v) => set({ method: v as Method })} />
          <MinNField id="staff-min-n" value={minN} onChange={(n) => set({ minN: n })} />
        </>
      }
    >
      <SectionProblem error={staff.error} />
      {!data && staff.isPending && <Skeleton label="Loading the staff scorecards…" lines={4} />}
      {data && (
        <div className={staff.isPlaceholderData ? "stale" : undefined} aria-busy={staff.isFetching}>
          <StaffBody data={data} info={info} />
        </div>
      )}
    </Section>
  );
}

function StaffBody({ data, info }: { data: Staff; info: MetricInfo }) {
  if (data.ranked.length === 0 && data.notEnoughAnswers.length === 0) {
    return <p className="dash-empty">No answers name a member of staff in this period. Send interactions with an agent to see staff scorecards.</p>;
  }
  return (
    <>
      <p className="dash-lead">
        A good answer here means {data.basis}; across all staff {figure("percent", data.overallRate)} of answers are good. Staff are ranked by{" "}
        {data.method === "wilson" ? "the lower bound of their share's 95% interval" : "a Bayesian average of their share"}, so a handful of lucky answers does not top the table.
      </p>
      {data.ranked.length === 0 ? (
        <p className="dash-empty">Nobody has {count(data.minN)} answers yet in this period. Lower the minimum or choose a longer period.</p>
      ) : (
        <ScrollRegion label="Staff ranked">
          <table className="table compact" data-testid="staff-table">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Staff</th>
                <th scope="col">Score</th>
                <th scope="col">Good answers</th>
                <th scope="col">{info.short}</th>
                <th scope="col">95% interval</th>
                <th scope="col">n</th>
                <th scope="col">Chance a typical agent scores this low by luck</th>
              </tr>
            </thead>
            <tbody>
              {data.ranked.map((r) => (
                <tr key={r.agent.id} data-testid="staff-row">
                  <td className="num">{r.rank}</td>
                  <th scope="row" className="nowrap">
                    <Link to="/staff/$id/scorecard" params={{ id: r.agent.id }}>
                      {r.agent.name}
                    </Link>
                  </th>
                  <td className="num">{figure("percent", r.score, undefined, 0)}</td>
                  <td className="num">{figure("percent", r.rate, undefined, 0)}</td>
                  <td className="num">{figure(info.kind, r.value, r.ci95)}</td>
                  <td className="num">{range(info.kind, r.ci95)}</td>
                  <td className="num">{count(r.n)}</td>
                  <td>
                    {r.chanceIfFair === null ? (
                      <span className="muted">at or above average</span>
                    ) : r.chanceIfFair < NOTABLE ? (
                      <span className="badge badge-warn">{chance(r.chanceIfFair)}: unlikely to be luck</span>
                    ) : (
                      <span>{chance(r.chanceIfFair)}: could be luck</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data.notEnoughAnswers.length > 0 && (
        <div className="not-enough" data-testid="staff-not-enough">
          <h3 className="dash-subhead">Not enough answers yet (fewer than {count(data.minN)})</h3>
          <ul className="inline-list">
            {data.notEnoughAnswers.map((r) => (
              <li key={r.agent.id}>
                {r.agent.name} <span className="muted">({count(r.n)})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
