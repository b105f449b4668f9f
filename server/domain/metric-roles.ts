// Metric roles a question can carry, and the rating scale each one needs.
export const metricRoles = ["nps", "csat", "ces", "comment"] as const;
export type MetricRole = (typeof metricRoles)[number];
export type ScoredMetric = Exclude<MetricRole, "comment">;

export const metricScales: Record<ScoredMetric, { min: number; max: number; label: string }> = {
  nps: { min: 0, max: 10, label: "0 to 10" },
  csat: { min: 1, max: 5, label: "1 to 5" },
  ces: { min: 1, max: 7, label: "1 to 7" },
};

export const isMetricRole = (value: unknown): value is MetricRole => (metricRoles as readonly unknown[]).includes(value);
