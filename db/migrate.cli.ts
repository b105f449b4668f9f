// npm run db:migrate: applies pending migrations to the configured database.
import { parseConfig } from "../server/config";
import { openNodeDatabase } from "../server/node-runtime";

const { dbFile } = await openNodeDatabase(parseConfig(process.env));
console.log(`Migrations applied to ${dbFile ?? "the configured database"}.`);
