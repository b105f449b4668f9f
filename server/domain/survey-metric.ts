// The `metric` question property, declared to survey-core on import so a Model keeps it: the server's checks, the
// respondent page and the editor preview import this before building one. Apart from metric-roles so the roles
// and scales stay importable without survey-core.
import { Serializer } from "survey-core";

// A free string, not a choices list: `dimension:<name>` roles are open-ended, so checkDefinition validates them.
if (!Serializer.findProperty("question", "metric")) {
  Serializer.addProperty("question", { name: "metric", type: "string", category: "general" });
}
