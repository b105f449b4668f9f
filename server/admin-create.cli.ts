// npm run admin:create -- --email … --org "…": an admin (and their organisation, if new) from a shell, with a one-time link.
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseConfig } from "./config";
import { AppError } from "./errors";
import { emailField, personName } from "./features/accounts/accounts.schemas";
import { INVITE_DAYS } from "./features/accounts/accounts.service";
import { createAdminFromShell } from "./features/people/people.service";
import { timeZoneField } from "./features/setup/setup.schemas";
import { openNodeDatabase } from "./node-runtime";
import { wireReactions } from "./reactions";

const usage = `Usage: npm run admin:create -- --email <address> --org "<organisation name>" [--name "<full name>"] [--time-zone <IANA zone>]

Creates an admin in the organisation of that name (creating the organisation when none has it) and prints a
one-time link, valid ${INVITE_DAYS} days, where the admin chooses a password. Passwords never go on a command line.`;

const options = {
  email: { type: "string" },
  org: { type: "string" },
  name: { type: "string" },
  "time-zone": { type: "string", default: "UTC" },
  help: { type: "boolean", short: "h" },
} as const;

const argsSchema = z.object({
  email: emailField,
  org: z.string({ error: "Give the organisation's name with --org." }).trim().min(1, "Give the organisation's name with --org.").max(100, "Give an organisation name of at most 100 characters."),
  name: personName.optional(),
  "time-zone": timeZoneField,
});

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

if (process.argv.some((arg) => arg === "--password" || arg.startsWith("--password="))) {
  fail("Passwords never go on a command line (shell history and process lists keep them): the admin chooses one from the link this prints.");
}

let values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];
try {
  ({ values } = parseArgs({ options, strict: true, allowPositionals: false }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.email === undefined) fail("Give the admin's email address with --email.");
const parsed = argsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
const args = parsed.data;

const config = parseConfig(process.env);
const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
const { db, dbFile } = await openNodeDatabase(config);
try {
  const result = await createAdminFromShell(
    { db, reactions: wireReactions(), now: new Date(), settings: { publicUrl, maxSqlParams: 999 } },
    { email: args.email, name: args.name ?? null, organisation: args.org, timeZone: args["time-zone"] },
  );
  console.log(
    [
      result.organisation.created ? `Created the organisation "${result.organisation.name}" (time zone ${args["time-zone"]}).` : `Added to the existing organisation "${result.organisation.name}".`,
      `Admin ${result.email} is invited. Send them this link (it works once, until ${result.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC) to choose a password:`,
      "",
      `  ${result.link}`,
      "",
      `Database: ${dbFile ?? config.DATABASE_URL}`,
    ].join("\n"),
  );
} catch (err) {
  if (err instanceof AppError) fail(err.message);
  throw err;
}
