// Rollup writes: multi-row upserts that add a response's cells to what the tables hold, as SQL text with
// arguments (see RawStatement: they carry most of a response's bound values).
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { chunk, rowsPerStatement } from "../../lib/chunk";
import type { RawStatement } from "../../../db/client";
import { invitationRollups, pairRollups, scoreRollups } from "../../../db/schema";
import type { CountCell, PairCell, ScoreCell } from "./rollup-cells";

type Value = string | number;

/** An upsert for `rows` rows of the given columns, adding the `added` columns on conflict; the SQL is built once per row count. */
function upsert<Row>(table: SQLiteTable, keys: string[], added: string[], values: (row: Row) => Value[]) {
  const { name } = getTableConfig(table);
  const columns = [...keys, ...added];
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const update = added.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(", ");
  const texts = new Map<number, string>();
  const text = (rows: number) => {
    let sql = texts.get(rows);
    if (!sql) {
      sql = `insert into "${name}" (${columns.map((c) => `"${c}"`).join(", ")}) values ${new Array(rows).fill(tuple).join(",")} on conflict (${keys.map((c) => `"${c}"`).join(", ")}) do update set ${update}`;
      texts.set(rows, sql);
    }
    return sql;
  };
  return (rows: Row[], maxSqlParams: number): RawStatement[] =>
    chunk(rows, rowsPerStatement(maxSqlParams, columns.length)).map((part) => ({ sql: text(part.length), args: part.flatMap(values) }));
}

/** Adds score cells: n, Σx, Σx², top and bottom counts. */
export const addScoreCells = upsert<ScoreCell>(scoreRollups, ["org_id", "grain", "series", "period", "survey_id", "segment"], ["n", "sum", "sum_sq", "hi", "lo"], (c) => [
  c.orgId,
  c.grain,
  c.series,
  c.period,
  c.surveyId,
  c.segment,
  c.n,
  c.sum,
  c.sumSq,
  c.hi,
  c.lo,
]);

/** Adds cross-product cells. */
export const addPairCells = upsert<PairCell>(pairRollups, ["org_id", "grain", "period", "survey_id", "a", "b"], ["n", "sum_a", "sum_b", "sum_aa", "sum_bb", "sum_ab"], (c) => [
  c.orgId,
  c.grain,
  c.period,
  c.surveyId,
  c.a,
  c.b,
  c.n,
  c.sumA,
  c.sumB,
  c.sumAa,
  c.sumBb,
  c.sumAb,
]);

/** Adds to the invitations sent and answered of each cell. */
export const addCountCells = upsert<CountCell & { sent: number; responded: number }>(
  invitationRollups,
  ["org_id", "grain", "period", "survey_id", "segment"],
  ["sent", "responded"],
  (c) => [c.orgId, c.grain, c.period, c.surveyId, c.segment, c.sent, c.responded],
);

/**
 * Adds one sent invitation to its count cells only when the statement just before it in the batch changed a row
 * (the update that marked it sent): a batch recorded twice counts it once.
 */
export function addSentCellsAfterChange(cells: CountCell[]): RawStatement {
  const tuples = cells.map(() => "(?,?,?,?,?,1,0)").join(",");
  return {
    sql: `insert into "invitation_rollups" ("org_id", "grain", "period", "survey_id", "segment", "sent", "responded") select * from (values ${tuples}) where changes() = 1 on conflict ("org_id", "grain", "period", "survey_id", "segment") do update set "sent" = "sent" + excluded."sent"`,
    args: cells.flatMap((c) => [c.orgId, c.grain, c.period, c.surveyId, c.segment]),
  };
}
