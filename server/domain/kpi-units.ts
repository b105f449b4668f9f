// How a KPI's figure reads, by its metric: NPS in points, shares in per cent, means on their scale, case times in hours.
const UNITS: Record<string, string> = {
  nps: "NPS points",
  csat: "%",
  "csat-mean": "of 5",
  ces: "of 7",
  "ces-agree": "%",
  loyalty: "%",
  index: "of 100",
  "response-rate": "%",
  "case-on-time": "%",
  "case-resolve-median": "hours",
  "case-resolve-p90": "hours",
};

export const kpiUnit = (metric: string) => UNITS[metric] ?? "mean";

const round = (x: number) => Math.round(x * 10) / 10;

/** "42 NPS points (95 %: 30–53, n = 120)", "3.4 hours (n = 12)", or "no figure yet". */
export function kpiFigureWords(metric: string, reading: { value: number | null; low: number | null; high: number | null; n: number }) {
  if (reading.value === null) return "no figure yet";
  const unit = kpiUnit(metric);
  const value = unit === "%" ? `${round(reading.value)} %` : `${round(reading.value)} ${unit}`;
  const interval = reading.low !== null && reading.high !== null ? `95 %: ${round(reading.low)}–${round(reading.high)}, ` : "";
  return `${value} (${interval}n = ${reading.n})`;
}
