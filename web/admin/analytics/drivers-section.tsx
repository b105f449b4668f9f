// Key drivers of an outcome: the quadrant chart (loaded on demand) and the table behind it, with r².
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { driversQuery, exportHref, type Drivers, type Scope } from "../analytics-queries";
import { ScrollRegion } from "../ui/scroll-region";
import { count, dimensionTitle } from "./format";
import { Section, SectionProblem, Select, Skeleton } from "./parts";

const DriversChart = lazy(() => import("./charts").then((m) => ({ default: m.DriversChart })));

type Outcome = "nps" | "csat" | "ces" | "loyalty";
const outcomeNames: Record<Outcome, string> = { nps: "NPS", csat: "CSAT", ces: "Customer effort", loyalty: "Loyalty" };
const two = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });
const quadrantText: Record<string, string> = {
  "concentrate here": "Concentrate here",
  "keep up": "Keep up",
  "low priority": "Low priority",
  "possible overkill": "Possible overkill",
};

export function DriversSection({ scope, outcome, setOutcome }: { scope: Scope; outcome: Outcome; setOutcome: (o: Outcome) => void }) {
  const drivers = useQuery(driversQuery(scope, outcome));
  const data = drivers.data;
  return (
    <Section
      id="drivers"
      title={`What drives ${outcomeNames[outcome]}`}
      exportHref={exportHref("drivers", scope, { outcome })}
      controls={
        <Select
          id="drivers-outcome"
          label="Outcome"
          value={outcome}
          options={(Object.keys(outcomeNames) as Outcome[]).map((o) => ({ value: o, label: outcomeNames[o] }))}
          onChange={(v) => setOutcome(v as Outcome)}
        />
      }
    >
      <SectionProblem error={drivers.error} />
      {!data && drivers.isPending && <Skeleton label="Loading the key drivers…" chart lines={2} />}
      {data && (
        <div className={drivers.isPlaceholderData ? "stale" : undefined} aria-busy={drivers.isFetching}>
          <DriversBody data={data} outcome={outcomeNames[outcome]} />
        </div>
      )}
    </Section>
  );
}

function DriversBody({ data, outcome }: { data: Drivers; outcome: string }) {
  const placed = data.drivers.filter((d) => d.importance !== null && d.performance !== null);
  if (data.n === 0) return <p className="dash-empty">No {outcome} answers in the period. Choose another outcome or a longer period.</p>;
  if (placed.length === 0) {
    return <p className="dash-empty">No dimension ratings were answered beside {outcome}. Add rating questions with a dimension (for example “time taken”) to a survey to see what drives it.</p>;
  }
  const focus = placed.filter((d) => d.quadrant === "concentrate here").map((d) => dimensionTitle(d.name));
  const r2 = data.r2 === null ? null : pct.format(data.r2);
  const title = `Importance and performance of each driver of ${outcome}`;
  const desc = `${placed.length} drivers. ${focus.length ? `Concentrate here (important, performing below the others): ${focus.join(", ")}.` : "No driver is both important and performing below the others."} ${
    r2 ? `Together they explain ${r2} of the variation in ${outcome}.` : ""
  } The table that follows has every figure.`;
  return (
    <>
      <p className="dash-lead">
        {r2 ? (
          <>
            Together the drivers explain <strong>{r2}</strong> of the variation in {outcome} (r² = {two.format(data.r2!)}, n = {count(data.n)}).
          </>
        ) : (
          <>Too few answers together to say how much the drivers explain (n = {count(data.n)}).</>
        )}
        {focus.length > 0 && (
          <>
            {" "}
            Concentrate on <strong>{focus.join(", ")}</strong>.
          </>
        )}
      </p>
      <Suspense fallback={<Skeleton label="Loading the chart…" chart lines={0} />}>
        <DriversChart drivers={data} nameOf={dimensionTitle} title={title} desc={desc} />
      </Suspense>
      <ScrollRegion label={`Drivers of ${outcome}`}>
        <table className="table compact" data-testid="drivers-table">
          <thead>
            <tr>
              <th scope="col">Driver</th>
              <th scope="col">Importance (r)</th>
              <th scope="col">Performance (mean)</th>
              <th scope="col">Relative weight</th>
              <th scope="col">Quadrant</th>
              <th scope="col">n</th>
            </tr>
          </thead>
          <tbody>
            {data.drivers.map((d) => (
              <tr key={d.metric}>
                <th scope="row">{dimensionTitle(d.name)}</th>
                <td className="num">{d.importance === null ? "—" : two.format(d.importance)}</td>
                <td className="num">
                  {d.performance === null ? "—" : `${two.format(d.performance)} / ${d.scale.max}`}
                </td>
                <td className="num">{d.relativeWeight === null ? "—" : pct.format(d.relativeWeight)}</td>
                <td>
                  {d.quadrant ? (
                    <span className={d.quadrant === "concentrate here" ? "badge badge-warn" : "badge badge-muted"}>{quadrantText[d.quadrant]}</span>
                  ) : (
                    <span className="muted">not placed</span>
                  )}
                </td>
                <td className="num">{count(d.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
