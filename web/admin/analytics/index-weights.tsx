// The satisfaction index's weights: which are in force and since when, and for admins a form that saves a new version.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { analyticsKeys, indexWeightsQuery, saveIndexWeights, type IndexWeights } from "../analytics-queries";
import { useSession } from "../session";
import { Notice, ProblemBanner } from "../ui/feedback";
import { ScrollRegion } from "../ui/scroll-region";
import { dayLabel, dimensionTitle } from "./format";

const roleNames: Record<string, string> = { nps: "NPS", csat: "CSAT", ces: "CES", loyalty: "Loyalty" };
const itemName = (key: string) => roleNames[key] ?? dimensionTitle(key.replace(/^dimension:/, ""));
const describe = (weights: Record<string, number>) =>
  Object.entries(weights)
    .filter(([, w]) => w > 0)
    .map(([k, w]) => `${itemName(k)} ${w}`)
    .join(", ") || "none";
const when = (iso: string | null) => (iso ? dayLabel(iso) : "the beginning");

export function IndexWeightsPanel({ dimensions }: { dimensions: string[] }) {
  const { me } = useSession();
  const weights = useQuery(indexWeightsQuery);
  const data = weights.data;
  return (
    <details className="panel dash-weights" data-testid="index-weights">
      <summary>
        How the satisfaction index is weighted
        {data && <span className="muted"> · version {data.current.version}</span>}
      </summary>
      <ProblemBanner error={weights.error} />
      {data && (
        <>
          <p>
            In force since {when(data.current.createdAt)}: {describe(data.current.weights)}. Each item is rescaled to 0–100 and averaged with these
            weights.
          </p>
          {me.role === "admin" && <WeightsForm current={data} dimensions={dimensions} />}
          <History data={data} />
        </>
      )}
    </details>
  );
}

function WeightsForm({ current, dimensions }: { current: IndexWeights; dimensions: string[] }) {
  const queryClient = useQueryClient();
  const items = [...new Set(["nps", "csat", "ces", "loyalty", ...dimensions, ...Object.keys(current.current.weights)])];
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(items.map((k) => [k, String(current.current.weights[k] ?? 0)])));
  const [saved, setSaved] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (w: Record<string, number>) => saveIndexWeights(w),
    onSuccess: (next) => {
      queryClient.setQueryData(analyticsKeys.weights, next);
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
      setDraft((d) => ({ ...d, ...Object.fromEntries(Object.entries(next.current.weights).map(([k, w]) => [k, String(w)])) }));
      setSaved(next.current.version);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const weights = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim() === "" ? 0 : Number(v)]));
    save.mutate(weights);
  };
  return (
    <form className="weights-form" onSubmit={submit} aria-label="New index weights">
      <p className="hint">A weight of 0 leaves an item out. Saving adds a version; the history keeps the earlier ones.</p>
      <div className="weights-grid">
        {items.map((k) => (
          <div className="field field-narrow" key={k}>
            <label htmlFor={`weight-${k}`}>{itemName(k)}</label>
            <input
              id={`weight-${k}`}
              type="number"
              min={0}
              max={100}
              step="any"
              inputMode="decimal"
              value={draft[k] ?? "0"}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <ProblemBanner error={save.error} />
      {saved !== null && <Notice>Saved as version {saved}.</Notice>}
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save new weights"}
      </button>
    </form>
  );
}

function History({ data }: { data: IndexWeights }) {
  // Version 0 is no stored row: equal weights, in force until an admin first set some.
  const oldest = data.history[data.history.length - 1];
  const versions = oldest && oldest.version > 0 ? [...data.history, { version: 0, weights: null, createdAt: null, createdBy: null, until: oldest.createdAt }] : data.history.length ? data.history : [data.current];
  return (
    <>
      <h3 className="dash-subhead">Versions</h3>
      <ScrollRegion label="Index weight versions">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Weights</th>
              <th scope="col">In force</th>
              <th scope="col">Set by</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version === 0 ? "0 (default)" : v.version}</td>
                <td>{v.weights ? describe(v.weights) : "Equal weights on the items answered"}</td>
                <td>
                  From {when(v.createdAt)} to {v.until ? dayLabel(v.until) : "now"}
                </td>
                <td>{v.createdBy ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
