// Keyset pagination shared by every list endpoint: `?limit=&cursor=` in, `{items, nextCursor}` out.
// A cursor names the last row of a page by its sort value and id, so pages stay stable while rows are added.
import { and, desc, eq, lt, or, type AnyColumn, type SQL } from "drizzle-orm";
import { decodeBase64Url, encodeBase64Url } from "hono/utils/encode";
import { z } from "./openapi";
import { Invalid } from "../errors";

export const MAX_PAGE_SIZE = 200;

const STALE_CURSOR = "This page link is not valid any more; start again from the first page.";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type CursorValue = { at: number | string; id: string };

export function encodeCursor(value: CursorValue): string {
  return encodeBase64Url(encoder.encode(JSON.stringify(value)).buffer as ArrayBuffer).replace(/=+$/, "");
}

function decodeCursor(raw: string): CursorValue | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(decodeBase64Url(raw)));
    const parsed = z.object({ at: z.union([z.number(), z.string()]), id: z.string() }).safeParse(value);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The query fields every list accepts; spread into a route's own query schema. */
export const pageQueryFields = {
  // `?limit=` left empty (a form or URL template with no value) means the default, not zero.
  limit: z.preprocess(
    (raw) => (raw === "" ? undefined : raw),
    z.coerce
      .number({ error: "Enter the page size as a whole number." })
      .int("Enter the page size as a whole number.")
      .min(1, "Ask for at least 1 item a page.")
      .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} items a page.`)
      .default(50),
  ).openapi({ description: `Items a page, 1 to ${MAX_PAGE_SIZE}; 50 when left out.`, example: 50 }),
  cursor: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return undefined;
      const value = decodeCursor(raw);
      if (!value) {
        ctx.addIssue({ code: "custom", message: STALE_CURSOR });
        return z.NEVER;
      }
      return value;
    })
    .openapi({ description: "The `nextCursor` of the previous page; leave out for the first page." }),
};

export const pageQuery = z.object(pageQueryFields);
export type PageRequest = z.infer<typeof pageQuery>;

export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The WHERE condition for rows after the cursor and the ORDER BY for a newest-first list sorted by
 * `sortColumn` with `idColumn` as the tie-breaker. Repos fetch `limit + 1` rows and pass them to `toPage`.
 */
export function keyset(sortColumn: AnyColumn, idColumn: AnyColumn, cursor: CursorValue | undefined): { where: SQL | undefined; orderBy: SQL[] } {
  const orderBy = [desc(sortColumn), desc(idColumn)];
  if (!cursor) return { where: undefined, orderBy };
  // Timestamp columns are stored as epoch milliseconds; the cursor keeps the raw stored value.
  const at = sortColumn.columnType === "SQLiteTimestamp" ? new Date(cursor.at as number) : cursor.at;
  // A hand-edited cursor can decode yet name no time at all; the database would refuse it with a 500.
  if (at instanceof Date && (typeof cursor.at !== "number" || Number.isNaN(at.getTime()))) {
    throw new Invalid(STALE_CURSOR, [{ path: "/cursor", message: STALE_CURSOR }]);
  }
  return { where: or(lt(sortColumn, at), and(eq(sortColumn, at), lt(idColumn, cursor.id))), orderBy };
}

/** Cuts the extra row a repo fetched and turns the last kept row into the next cursor. */
export function toPage<Row, Item = Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => CursorValue,
  map: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}

/** The response schema of a list: one page of `item`s and the cursor of the next page. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as `?cursor=` for the next page; null on the last page." }),
    })
    .openapi(name);
