// /reviews: the review packs, newest first, the review due next, and a form to prepare a pack for a period.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import { dayLabel } from "../analytics/format";
import { filterOptionsQuery, localDay } from "../analytics-queries";
import { keepPack, packDueQuery, packsQuery, preparePack, type PackDue, type PackSummary } from "../review-packs-queries";
import { NotForYourRole, PackStatusBadge, count, takesPartInReviews, when } from "../review-packs/parts";
import { useSession } from "../session";
import { Loading, PageHeading, ProblemBanner, fieldErrorsAt } from "../ui/feedback";
import { FormField } from "../ui/form-field";
import { LoadMore, usePagedList } from "../ui/paged-list";
import { ScrollRegion } from "../ui/scroll-region";

type Period = "month" | "quarter";

/** The last day of the last complete month or quarter, by this browser's calendar. */
function lastCompleteDay(period: Period, today = new Date()): string {
  const month = today.getMonth();
  const firstOfCurrent = period === "month" ? month : month - (month % 3);
  return localDay(new Date(today.getFullYear(), firstOfCurrent, 0));
}

function DueBanner({ due }: { due: PackDue }) {
  if (!due) return null;
  const label = due.period.label;
  if (due.state === "not-yet") {
    return (
      <p className="banner pack-due" data-testid="review-due">
        The last review is closed. Next: the {label} review, due by {dayLabel(due.dueBy)}.
      </p>
    );
  }
  return (
    <div className="banner banner-warn pack-due" data-testid="review-due">
      <p>
        <strong>Review due next: {label}</strong>, by {dayLabel(due.dueBy)}.{" "}
        {due.pack ? (
          <>
            Its pack <Link to="/reviews/$id" params={{ id: due.pack.id }}>{due.pack.title}</Link> is {due.pack.status === "in-review" ? "in review" : "a draft"}.
          </>
        ) : (
          "No pack has been prepared for it yet."
        )}
      </p>
    </div>
  );
}

function statusCounts(s: PackSummary["kpiStatuses"]): string {
  const parts = [
    [s.green, "green"],
    [s.amber, "amber"],
    [s.red, "red"],
    [s.noData, "no data"],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, word]) => `${count(n)} ${word}`);
  return shown.length ? shown.join(", ") : "No KPIs";
}

function PrepareForm() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const options = useQuery(filterOptionsQuery);
  const [period, setPeriod] = useState<Period>("month");
  const [day, setDay] = useState(() => lastCompleteDay("month"));
  const [dayTouched, setDayTouched] = useState(false);
  const [unitId, setUnitId] = useState("");
  const [channel, setChannel] = useState("");
  const prepare = useMutation({
    mutationFn: () => preparePack({ period, day, unitId: unitId || null, channel: channel || null }),
    onSuccess: async (pack) => {
      await keepPack(queryClient, pack);
      await navigate({ to: "/reviews/$id", params: { id: pack.id } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    prepare.mutate();
  };
  const fieldProblem = ["/period", "/day", "/unitId", "/channel"].some((p) => fieldErrorsAt(prepare.error, p).length > 0);
  return (
    <section className="panel" aria-labelledby="prepare-heading">
      <h2 id="prepare-heading">Prepare a pack</h2>
      <p className="muted small">Reads every figure of the period now and freezes it, so the pack does not move while people discuss it.</p>
      <form className="inline-form" onSubmit={submit} noValidate data-testid="prepare-form">
        <FormField id="prepare-period" label="Period" errors={fieldErrorsAt(prepare.error, "/period")}>
          {(control) => (
            <select
              {...control}
              value={period}
              onChange={(e) => {
                const next = e.target.value as Period;
                setPeriod(next);
                if (!dayTouched) setDay(lastCompleteDay(next));
              }}
            >
              <option value="month">Month</option>
              <option value="quarter">Quarter</option>
            </select>
          )}
        </FormField>
        <FormField id="prepare-day" label="A day of the period" hint="The last complete period unless you choose another." errors={fieldErrorsAt(prepare.error, "/day")}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={day}
              onChange={(e) => {
                setDayTouched(true);
                setDay(e.target.value);
              }}
            />
          )}
        </FormField>
        <FormField id="prepare-unit" label="Unit" errors={fieldErrorsAt(prepare.error, "/unitId")}>
          {(control) => (
            <select {...control} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">Whole organisation</option>
              {options.data?.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="prepare-channel" label="Channel" errors={fieldErrorsAt(prepare.error, "/channel")}>
          {(control) => (
            <select {...control} value={channel} onChange={(e) => setChannel(e.target.value)}>
              <option value="">Every channel</option>
              {options.data?.channels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="button" disabled={prepare.isPending}>
          {prepare.isPending ? "Reading the figures…" : "Prepare the pack"}
        </button>
      </form>
      <ProblemBanner error={fieldProblem ? null : (prepare.error ?? options.error)} />
    </section>
  );
}

function PackList() {
  const list = usePagedList(packsQuery);
  const packs = list.items;
  return (
    <section aria-labelledby="packs-heading" className="pack-list">
      <h2 id="packs-heading">Packs</h2>
      <ProblemBanner error={list.problem} />
      {packs === null && !list.problem && <Loading>Loading packs…</Loading>}
      {packs?.length === 0 && <p data-testid="packs-empty">No review packs yet. Prepare the first one above.</p>}
      {packs && packs.length > 0 && (
        <ScrollRegion label="Review packs">
          <table className="table stack-narrow" data-testid="packs-table">
            <thead>
              <tr>
                <th scope="col">Pack</th>
                <th scope="col">Period</th>
                <th scope="col">Scope</th>
                <th scope="col">Status</th>
                <th scope="col">KPIs</th>
                <th scope="col">Figures frozen</th>
              </tr>
            </thead>
            <tbody>
              {packs.map((p) => (
                <tr key={p.id} data-testid="pack-row">
                  <th scope="row" className="stack-title">
                    <Link to="/reviews/$id" params={{ id: p.id }}>
                      {p.title}
                    </Link>
                  </th>
                  <td data-label="Period">
                    <span>
                      {dayLabel(p.fromDay)} to {dayLabel(p.toDay)}
                    </span>
                  </td>
                  <td data-label="Scope">
                    <span>{p.scope}</span>
                  </td>
                  <td data-label="Status">
                    <PackStatusBadge status={p.status} />
                  </td>
                  <td data-label="KPIs">
                    <span>{statusCounts(p.kpiStatuses)}</span>
                  </td>
                  <td data-label="Frozen">
                    <span>{when(p.frozenAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore list={list} label="Show more packs" />
    </section>
  );
}

export function ReviewsPage(): ReactNode {
  const { me } = useSession();
  const allowed = takesPartInReviews(me.role);
  const due = useQuery({ ...packDueQuery, enabled: allowed });
  if (!allowed) {
    return (
      <>
        <PageHeading title="Reviews">Reviews</PageHeading>
        <NotForYourRole role={me.role} />
      </>
    );
  }
  return (
    <>
      <PageHeading title="Reviews">Reviews</PageHeading>
      <p className="muted">
        A review pack holds a period's figures, frozen: KPIs against target, the previous period and benchmarks, drivers, comment themes, follow-up cases and staff. People comment, raise actions and
        write conclusions; once closed it is final, and it prints for people without an account.
      </p>
      {due.data && <DueBanner due={due.data} />}
      <ProblemBanner error={due.error} />
      <PrepareForm />
      <PackList />
    </>
  );
}
