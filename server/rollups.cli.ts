// npm run db:rollups [-- --org <id>]: rebuilds the analytics rollups from the stored responses and invitations.
import { parseArgs } from "node:util";
import { parseConfig } from "./config";
import { rebuildRollups } from "./features/analytics/rollups.service";
import { openNodeDatabase } from "./node-runtime";

const usage = `Usage: npm run db:rollups [-- --org <organisation id>]

Recomputes every analytics rollup (score statistics, driver cross-products, response-rate counts) from the
responses and invitations themselves, and replaces the stored ones in one write per organisation. Run it after
changing an organisation's time zone, after loading data by hand, or to check the live rollups: the figures
do not change when they were right.`;

let values: { org?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { org: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const { db, dbFile } = await openNodeDatabase(parseConfig(process.env));
const started = performance.now();
let lastLine = 0;
const result = await rebuildRollups(
  { db, maxSqlParams: 999 },
  {
    ...(values.org && { orgId: values.org }),
    onProgress: (p) => {
      // A line every second at most: a large database takes minutes.
      if (performance.now() - lastLine < 1000 && p.phase !== "writing") return;
      lastLine = performance.now();
      console.log(p.phase === "writing" ? `${p.month}: written (${p.done.toLocaleString("en")} cells so far)` : `${p.month}: read ${p.done.toLocaleString("en")} ${p.phase}…`);
    },
  },
);
if (values.org && result.organisations === 0) {
  console.error(`No organisation has the id ${values.org}.`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Rebuilt ${result.months} months of rollups of ${result.organisations} organisation(s) from ${result.responses.toLocaleString("en")} responses and ${result.invitations.toLocaleString("en")} sent invitations: ${result.cells.toLocaleString("en")} cells in ${seconds} s.\nDatabase: ${dbFile ?? "DATABASE_URL"}`,
);
