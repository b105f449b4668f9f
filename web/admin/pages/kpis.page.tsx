// /kpis: each KPI with its goal and its status now and for the last complete period, said in words with the
// uncertainty; managers and admins add, change and archive them, reviewers read.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { dayLabel } from "../analytics/format";
import { KpiForm } from "../kpis/kpi-form";
import { goalWords, metricWords, readingWords } from "../kpis/metrics";
import { KpiStatusBadge } from "../review-packs/parts";
import "../kpis/kpis.css";
import { kpiKeys, kpisQuery, kpiWrites, type KpiPeriodStatus, type KpiWithStatus } from "../kpis-queries";
import { surveyPickerQuery } from "../queries";
import { useSession } from "../session";
import { ConfirmDialog, type Confirm } from "../ui/confirm-dialog";
import { Loading, Notice, PageHeading, ProblemBanner } from "../ui/feedback";
import { ScrollRegion } from "../ui/scroll-region";

export const readsKpis = (role: string) => role === "reviewer" || role === "manager" || role === "admin";

export function NotForYourRole({ what, role }: { what: string; role: string }) {
  return (
    <p data-testid="not-for-role">
      {what} are not for your role: they need the reviewer, manager or admin role, and you are signed in as {role}.
    </p>
  );
}

function scopeWords(k: KpiWithStatus, surveyTitle: (id: string) => string): string {
  const parts = [k.scope.unitName ?? (k.scope.unitId ? "one unit" : "Whole organisation")];
  if (k.scope.channel) parts.push(`${k.scope.channel} channel`);
  parts.push(k.scope.surveyId ? surveyTitle(k.scope.surveyId) : "every survey");
  return parts.join(" · ");
}

function PeriodCell({ kpi, status, label }: { kpi: KpiWithStatus; status: KpiPeriodStatus; label: string }) {
  const r = readingWords(kpi.metric, status.reading);
  return (
    <span className="kpi-period">
      <span className="cell-note">
        {label}: {dayLabel(status.fromDay)} to {dayLabel(status.toDay)}
      </span>
      <strong className="kpi-figure">{r.value}</strong>
      <span className="cell-note">{r.detail}</span>
      <span className="kpi-status-line">
        <KpiStatusBadge status={status.status} />
      </span>
      <span className="cell-note kpi-reason">{status.reason}</span>
    </span>
  );
}

function KpiRow({ kpi, canEdit, surveyTitle, onEdit, onArchive }: { kpi: KpiWithStatus; canEdit: boolean; surveyTitle: (id: string) => string; onEdit: () => void; onArchive: () => void }) {
  const goal = goalWords(kpi);
  return (
    <tr data-testid="kpi-row">
      <th scope="row" className="stack-title">
        {kpi.name}
        <span className="cell-note">{metricWords(kpi.metric)}</span>
        <span className="cell-note">{scopeWords(kpi, surveyTitle)}</span>
      </th>
      <td data-label="Goal">
        <span data-testid="kpi-goal">
          Target {goal.target}
          <span className="cell-note">
            Warning {goal.warning}; reviewed each {kpi.period}
          </span>
        </span>
      </td>
      <td data-label="This period" data-testid="kpi-current">
        <PeriodCell kpi={kpi} status={kpi.current} label="So far" />
      </td>
      <td data-label="Last period" data-testid="kpi-last">
        <PeriodCell kpi={kpi} status={kpi.last} label="Complete" />
      </td>
      {canEdit && (
        <td data-label="Actions">
          <span className="row-actions">
            <button type="button" className="button secondary small" onClick={onEdit}>
              Edit<span className="sr-only"> {kpi.name}</span>
            </button>
            <button type="button" className="button danger small" onClick={onArchive}>
              Archive<span className="sr-only"> {kpi.name}</span>
            </button>
          </span>
        </td>
      )}
    </tr>
  );
}

function EmptyState({ canEdit, onAdd }: { canEdit: boolean; onAdd: () => void }) {
  return (
    <div className="empty-state" data-testid="kpis-empty">
      <h2>No KPIs yet</h2>
      <p>
        A KPI is a figure your organisation commits to: a metric such as NPS or the time to resolve a case, for the whole organisation or one unit or channel, with a target, a warning level and a
        review period. Its status reads green, amber or red with the uncertainty of the figure, so a unit is never called red on a handful of answers.
      </p>
      {canEdit ? (
        <button type="button" className="button" onClick={onAdd}>
          Add a KPI
        </button>
      ) : (
        <p className="muted">Managers and admins set KPIs.</p>
      )}
    </div>
  );
}

export function KpisPage(): ReactNode {
  const { me } = useSession();
  const allowed = readsKpis(me.role);
  const canEdit = me.role === "manager" || me.role === "admin";
  const queryClient = useQueryClient();
  const kpis = useQuery({ ...kpisQuery, enabled: allowed });
  const surveys = useQuery({ ...surveyPickerQuery, enabled: allowed });
  // null: no form; "new": adding; a KPI: changing it.
  const [editing, setEditing] = useState<KpiWithStatus | "new" | null>(null);
  const [notice, setNotice] = useState("");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  if (!allowed) {
    return (
      <>
        <PageHeading title="KPIs">KPIs</PageHeading>
        <NotForYourRole what="KPIs" role={me.role} />
      </>
    );
  }
  const surveyTitle = (id: string) => surveys.data?.find((s) => s.id === id)?.title ?? "one survey";
  const items = kpis.data?.items;
  const startEditing = (next: KpiWithStatus | "new") => {
    setNotice("");
    setEditing(next);
  };
  const archive = (kpi: KpiWithStatus) =>
    setConfirm({
      title: `Archive “${kpi.name}”?`,
      body: <p>It leaves this list and later review packs. Packs already prepared keep it as it was.</p>,
      action: "Archive KPI",
      run: async () => {
        await kpiWrites.archive(kpi.id);
        await queryClient.invalidateQueries({ queryKey: kpiKeys.list });
        setNotice(`“${kpi.name}” archived.`);
      },
    });
  return (
    <>
      <PageHeading title="KPIs">KPIs</PageHeading>
      <p className="muted">
        Each KPI's figure for the period so far and for its last complete period, with the 95 % interval and the number of answers it rests on. Green when even the unfavourable end of the interval
        meets the target, red when even the favourable end misses the warning level, amber in between. Compare with competitors and the industry on the{" "}
        <Link to="/kpis/benchmarks">benchmarks</Link> page.
      </p>
      {!canEdit && <p data-testid="read-only-note">You can read the KPIs; managers and admins set and change them.</p>}
      {notice && <Notice>{notice}</Notice>}
      <ConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} />
      <ProblemBanner error={kpis.error} />
      {editing && <KpiForm key={editing === "new" ? "new" : editing.id} kpi={editing === "new" ? null : editing} onDone={(message) => {
            setEditing(null);
            setNotice(message);
          }} />}
      {canEdit && !editing && items && items.length > 0 && (
        <p>
          <button type="button" className="button" onClick={() => startEditing("new")}>
            Add a KPI
          </button>
        </p>
      )}
      {kpis.isPending && <Loading>Loading KPIs…</Loading>}
      {items?.length === 0 && !editing && <EmptyState canEdit={canEdit} onAdd={() => startEditing("new")} />}
      {items && items.length > 0 && (
        <ScrollRegion label="KPIs and their status">
          <table className="table stack-narrow kpi-table" data-testid="kpis-table">
            <thead>
              <tr>
                <th scope="col">KPI and scope</th>
                <th scope="col">Goal</th>
                <th scope="col">This period</th>
                <th scope="col">Last complete period</th>
                {canEdit && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <KpiRow key={k.id} kpi={k} canEdit={canEdit} surveyTitle={surveyTitle} onEdit={() => startEditing(k)} onArchive={() => archive(k)} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
