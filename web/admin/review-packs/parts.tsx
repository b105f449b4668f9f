// Small pieces the review pages share: status words and badges, and figures written with their uncertainty.
import type { PackStatus, SnapshotKpi } from "../review-packs-queries";
import { dayLabel } from "../analytics/format";
import "./review-packs.css";

export const packStatusWords: Record<PackStatus, string> = { draft: "Draft", "in-review": "In review", closed: "Closed" };

export function PackStatusBadge({ status }: { status: PackStatus }) {
  return (
    <span className={`badge pack-status pack-status-${status}`} data-testid="pack-status">
      {packStatusWords[status]}
    </span>
  );
}

export const kpiStatusWords: Record<SnapshotKpi["status"], string> = { green: "Green: on target", amber: "Amber: watch", red: "Red: off target", "no-data": "No data" };

/** The status in words as well as colour, so it reads in grey print and to a screen reader alike. */
export function KpiStatusBadge({ status }: { status: SnapshotKpi["status"] }) {
  return <span className={`badge kpi-status kpi-status-${status}`}>{kpiStatusWords[status]}</span>;
}

const formats = new Map<number, Intl.NumberFormat>();
const numberFormat = (decimals: number) => {
  let f = formats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, f);
  }
  return f;
};

/** No more decimals than the interval can bear: one significant figure of its half-width, at most two. */
function decimalsOf(low: number | null, high: number | null, fallback: number): number {
  if (low === null || high === null) return fallback;
  const half = (high - low) / 2;
  if (!(half > 0)) return fallback;
  return Math.max(0, Math.min(2, Math.ceil(-Math.log10(half))));
}

export const num = (value: number, decimals = 0) => numberFormat(decimals).format(value);
export const count = (n: number) => num(n);
export const percent = (share: number | null, decimals = 0) => (share === null ? "—" : `${num(share * 100, decimals)} %`);

/** "42.5 % (95 % interval 38.1 to 46.9; n = 312)", or "no answers" when there is nothing to read. */
export function readingText(reading: SnapshotKpi["reading"], unit: string): { value: string; detail: string } {
  if (reading.value === null) return { value: "—", detail: reading.n === 0 ? "no answers" : `n = ${count(reading.n)}, too few to read` };
  const fallback = unit.startsWith("of ") ? 2 : 1;
  const decimals = decimalsOf(reading.low, reading.high, fallback);
  const withUnit = (v: number) => (unit === "%" ? `${num(v, decimals)} %` : num(v, decimals));
  const tail = unit === "%" ? "" : ` ${unit}`;
  const interval = reading.low !== null && reading.high !== null ? `95 % interval ${withUnit(reading.low)} to ${withUnit(reading.high)}; ` : "";
  return { value: `${withUnit(reading.value)}${tail}`, detail: `${interval}n = ${count(reading.n)}` };
}

export const hours = (h: number | null) => (h === null ? "—" : h < 48 ? `${num(h, h < 10 ? 1 : 0)} hours` : `${num(h / 24, 1)} days`);

export const periodWords = (from: string, to: string) => `${dayLabel(from)} to ${dayLabel(to)}`;

const stamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
export const when = (iso: string) => <time dateTime={iso}>{stamp.format(new Date(iso))}</time>;

/** Reviewers, managers and admins take part in reviews; anyone else is told so plainly. */
export const takesPartInReviews = (role: string) => role === "reviewer" || role === "manager" || role === "admin";

export function NotForYourRole({ role }: { role: string }) {
  return (
    <p data-testid="not-for-role">
      Review packs are not for your role: they need the reviewer, manager or admin role, and you are signed in as {role}.
    </p>
  );
}
