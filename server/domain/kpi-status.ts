// A KPI's status against its target, with the uncertainty of its figure: green only when even the unfavourable
// end of the interval meets the target, red only when even the favourable end misses the warning level, and
// amber in between, so a unit is never called red (or green) on a handful of answers.

export type KpiDirection = "higher" | "lower";
export type KpiStatus = "green" | "amber" | "red" | "no-data";

/** The figure for a period: its value, its 95 % interval where it has one, and how many answers it rests on. */
export type KpiReading = { value: number | null; low?: number | null; high?: number | null; n: number };

/** Target and warning level; the warning lies on the unfavourable side of the target (below it when higher is better). */
export type KpiGoal = { target: number; warning: number; direction: KpiDirection };

export type KpiVerdict = { status: KpiStatus; reason: string };

/** Whether a goal reads the right way round; the form that sets one says so before saving. */
export function goalProblem(goal: KpiGoal): string | null {
  if (!Number.isFinite(goal.target) || !Number.isFinite(goal.warning)) return "Give the target and the warning level as numbers.";
  if (goal.direction === "higher" && goal.warning > goal.target) return "When higher is better, the warning level must be at or below the target.";
  if (goal.direction === "lower" && goal.warning < goal.target) return "When lower is better, the warning level must be at or above the target.";
  return null;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

export function kpiStatus(reading: KpiReading, goal: KpiGoal): KpiVerdict {
  const problem = goalProblem(goal);
  if (problem) throw new RangeError(problem);
  if (reading.n <= 0 || reading.value === null || !Number.isFinite(reading.value)) return { status: "no-data", reason: "No answers in the period." };
  const low = reading.low ?? reading.value;
  const high = reading.high ?? reading.value;
  // The ends of the interval, named by what they mean for this KPI.
  const [worst, best] = goal.direction === "higher" ? [low, high] : [high, low];
  const meets = (x: number) => (goal.direction === "higher" ? x >= goal.target : x <= goal.target);
  const missesWarning = (x: number) => (goal.direction === "higher" ? x < goal.warning : x > goal.warning);
  const range = low === high ? fmt(reading.value) : `${fmt(low)}–${fmt(high)}`;
  if (meets(worst)) return { status: "green", reason: `Meets the target of ${fmt(goal.target)} across its interval (${range}).` };
  if (missesWarning(best)) return { status: "red", reason: `Misses the warning level of ${fmt(goal.warning)} across its interval (${range}).` };
  if (meets(best)) {
    return { status: "amber", reason: `Its interval (${range}) straddles the target of ${fmt(goal.target)}: ${reading.n} answers cannot tell whether it is met.` };
  }
  return { status: "amber", reason: `Short of the target of ${fmt(goal.target)}, but not clearly past the warning level of ${fmt(goal.warning)} (${range}).` };
}
