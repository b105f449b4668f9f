// Node-only start-up shared by the server entry and the db scripts: the database file and the app secret.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import type { App } from "./app";
import { openLibsql } from "../db/client";
import { migrateLibsql } from "../db/migrate";
import type { RawConfig } from "./config";
import { randomToken } from "./lib/crypto";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function databaseFile(url: string) {
  if (!url.startsWith("file:")) return undefined;
  const file = resolve(root, url.slice("file:".length));
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/** Opens (creating its folder) and migrates the configured database. */
export async function openNodeDatabase(config: RawConfig) {
  const dbFile = databaseFile(config.DATABASE_URL);
  const db = await openLibsql(dbFile ? `file:${dbFile}` : config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(db, join(root, "db/migrations"));
  return { db, dbFile };
}

export function nodeAppSecret(config: RawConfig, dbFile: string | undefined): string {
  if (config.APP_SECRET) return config.APP_SECRET;
  if (config.NODE_ENV === "production") throw new Error("Set APP_SECRET (32+ random characters): it signs survey links and must not change.");
  // Development keeps a generated secret beside the database so emailed links survive restarts.
  const file = join(dbFile ? dirname(dbFile) : resolve(root, "data"), "app-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomToken(32), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Serves the built web app: hashed assets, the respondent page under /s/, the admin SPA elsewhere. */
export function mountWebApp(app: App, dist: string) {
  const page = (name: string) => {
    const file = join(dist, name, "index.html");
    return existsSync(file) ? readFileSync(file, "utf8") : `<!doctype html><p>The web app is not built. Run <code>npm run build</code>.</p>`;
  };
  const respondPage = page("respond");
  const adminPage = page("admin");
  app.use("/assets/*", serveStatic({ root: dist, onFound: (_p, c) => void c.header("cache-control", "public, max-age=31536000, immutable") }));
  // A missing bundle (an old page after a deploy) must fail as a 404, not load the app's HTML as script.
  app.get("/assets/*", (c) => c.text("Not found", 404));
  app.get("/s/*", (c) => c.html(respondPage));
  app.get("*", (c) => c.html(adminPage));
}
