// Queries for storing a response.
import type { Db } from "../../../db/client";
import { responses } from "../../../db/schema";

export const insertResponseStatement = (db: Db, row: typeof responses.$inferInsert) => db.insert(responses).values(row);
