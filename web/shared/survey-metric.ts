// The `metric` question property, registered once before any Model is built so definitions keep it.
import { Serializer } from "survey-core";
import type { MetricRole } from "../../server/domain/metric-roles";

export const metricRoles = ["nps", "csat", "ces", "comment"] as const satisfies readonly MetricRole[];
export type { MetricRole };

if (!Serializer.findProperty("question", "metric")) {
  Serializer.addProperty("question", { name: "metric", choices: [...metricRoles], category: "general" });
}
