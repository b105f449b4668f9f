// Runs the Workers build in local workerd: a temporary D1 migrated by wrangler, a seeded organisation,
// and placeholder web pages, so a test drives the real Worker over HTTP without network or a web build.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { unstable_startWorker } from "wrangler";
import { hashPassword, randomToken, sha256 } from "../../server/lib/crypto";
import { assetHeadersFile } from "../../server/lib/security-headers";

const run = promisify(execFile);
const wranglerBin = createRequire(import.meta.url).resolve("wrangler/bin/wrangler.js");
const config = resolve("wrangler.toml");

// Offline and unattended: no telemetry, no banner (it checks npm for a newer wrangler), no prompts.
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "1", NO_COLOR: "1" };

export const WORKER_PASSWORD = "correct horse battery";
export const PAGE_MARKERS = { admin: "rapport-admin-page", respond: "rapport-respond-page", docs: "rapport-docs-page" };

export type LocalWorker = {
  url: string;
  apiKey: string;
  emails: { admin: string; manager: string };
  /** Runs SQL on the Worker's D1 while it serves, as `wrangler d1 execute` does: a test's way to let time pass. */
  d1(command: string): Promise<void>;
  dispose(): Promise<void>;
};

type Options = {
  /** Binding values over the test defaults; an empty string unsets one, as the config schema reads "". */
  bindings?: Record<string, string>;
  /** Migrate the local D1 and seed an organisation (off for a Worker that should never reach its database). */
  seed?: boolean;
  /** A built web app (dist/) to serve instead of the placeholder pages. */
  assets?: string;
};

const sql = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`);

async function wrangler(args: string[]) {
  try {
    await run(process.execPath, [wranglerBin, ...args], { env: quietEnv, timeout: 60_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed: ${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

/** An organisation with an admin, a manager and an API key, as SQL: the Worker never seeds. */
async function seedSql(apiKey: string, emails: LocalWorker["emails"]) {
  const now = Date.now();
  const orgId = crypto.randomUUID();
  // Few iterations keep sign-in fast; Workers would refuse more than 100,000 anyway.
  const passwordHash = await hashPassword(WORKER_PASSWORD, 1000);
  const rows = [
    // No quiet hours: the flow expects an invitation due now to go out now, whatever the hour of the run.
    `INSERT INTO organisations (id, name, quiet_start_minute, quiet_end_minute, created_at) VALUES (${sql(orgId)}, 'Worker test org', NULL, NULL, ${now});`,
    ...(["admin", "manager"] as const).map(
      (role) =>
        `INSERT INTO users (id, org_id, email, name, role, password_hash, created_at) VALUES (${sql(crypto.randomUUID())}, ${sql(orgId)}, ${sql(emails[role])}, ${sql(role)}, ${sql(role)}, ${sql(passwordHash)}, ${now});`,
    ),
    `INSERT INTO api_keys (id, org_id, name, key_hash, prefix, created_at) VALUES (${sql(crypto.randomUUID())}, ${sql(orgId)}, 'worker test', ${sql(await sha256(apiKey))}, ${sql(apiKey.slice(0, 8))}, ${now});`,
  ];
  return rows.join("\n");
}

async function placeholderPages(dir: string) {
  for (const [name, marker] of Object.entries(PAGE_MARKERS)) {
    await mkdir(join(dir, name), { recursive: true });
    // The respondent page is a template the Worker fills between the markers, as it does the built one.
    await writeFile(join(dir, name, "index.html"), `<!doctype html><html lang="en"><title>${name}</title><div id="${marker}"><!--page--><!--/page--></div></html>\n`);
  }
  await mkdir(join(dir, "assets"), { recursive: true });
  await writeFile(join(dir, "assets", "app-test.js"), "export {};\n");
  // As the build writes it: Workers serve /assets/* without the Worker, so their headers come from here.
  await writeFile(join(dir, "_headers"), assetHeadersFile());
}

export async function startLocalWorker(opts: Options = {}): Promise<LocalWorker> {
  const dir = await mkdtemp(join(tmpdir(), "rapport-worker-"));
  const state = join(dir, "state");
  const pages = opts.assets ?? join(dir, "dist");
  const apiKey = `rpk_${randomToken(24)}`;
  const emails = { admin: "admin@worker.example", manager: "manager@worker.example" };
  let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
  try {
    if (!opts.assets) await placeholderPages(pages);
    if (opts.seed ?? true) {
      // The path a deployment takes too: wrangler applies db/migrations to D1, here a local one.
      await wrangler(["d1", "migrations", "apply", "rapport", "--local", "--persist-to", state]);
      await writeFile(join(dir, "seed.sql"), await seedSql(apiKey, emails));
      await wrangler(["d1", "execute", "rapport", "--local", "--persist-to", state, "--file", join(dir, "seed.sql")]);
    }
    const values: Record<string, string> = {
      APP_SECRET: "worker-test-secret-worker-test-secret",
      PUBLIC_URL: "http://rapport.test",
      // Set explicitly so a developer's .dev.vars can never send real email or point at a real database.
      RESEND_API_KEY: "",
      RESEND_BASE_URL: "",
      DATABASE_URL: "",
      DATABASE_AUTH_TOKEN: "",
      ...opts.bindings,
    };
    worker = await unstable_startWorker({
      config,
      assets: pages,
      sendMetrics: false,
      bindings: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { type: "plain_text" as const, value }])),
      dev: {
        server: { hostname: "127.0.0.1", port: 0 },
        persist: state,
        remote: false,
        inspector: false,
        watch: false,
        // Adds GET /__scheduled, which runs the scheduled handler like a cron trigger would.
        testScheduled: true,
        logLevel: "error",
      },
    });
    const url = (await worker.url).origin;
    const started = worker;
    return {
      url,
      apiKey,
      emails,
      async d1(command: string) {
        await wrangler(["d1", "execute", "rapport", "--local", "--persist-to", state, "--command", command]);
      },
      async dispose() {
        await started.dispose();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await worker?.dispose().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
