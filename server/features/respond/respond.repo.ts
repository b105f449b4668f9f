// Queries for storing a response.
import { insertStatements } from "../../../db/client";
import { responses } from "../../../db/schema";

/** The response's insert, as SQL text: it runs on every answer submitted. */
export const insertResponseStatement = (row: typeof responses.$inferInsert) => insertStatements(responses, [row])[0]!;
