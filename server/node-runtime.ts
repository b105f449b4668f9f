// Node-only pieces shared by the server entry, scripts, tests and benchmarks: the database file, the app
// secret, the client address, the built web app, and response compression.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context } from "hono";
import type { App, Deps } from "./app";
import { openLibsql } from "../db/libsql";
import { migrateLibsql } from "../db/migrate";
import type { RawConfig } from "./config";
import { randomToken } from "./lib/crypto";
import { inlineStylesheets } from "./lib/page-template";
import { IMMUTABLE_ASSET_CACHE } from "./lib/security-headers";

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

/**
 * The client address for throttling: the socket's peer, or behind a trusted reverse proxy the last
 * X-Forwarded-For hop, the one that proxy appended (earlier hops are whatever the client claimed).
 */
export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const hop = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
      if (hop) return hop;
    }
    try {
      return getConnInfo(c).remote.address;
    } catch {
      // No Node socket (app.request() in a script): the caller skips per-address limits.
      return undefined;
    }
  };
}

/** The API reference page from the built web app for createApp's deps; unbuilt, /api/docs answers 404. */
export function nodeDocsPage(dist: string): Deps["docsPage"] {
  const file = join(dist, "docs", "index.html");
  if (!existsSync(file)) return undefined;
  const html = readFileSync(file, "utf8");
  // It names the current bundles, so it is revalidated on every visit like the other pages.
  return (c) => c.html(html, 200, { "cache-control": "no-cache" });
}

/** The built respondent page with its stylesheet inline, for createApp's deps; read once, as the build never changes under a running server. */
export function nodeRespondPage(dist: string): Deps["respondPage"] {
  const file = join(dist, "respond", "index.html");
  if (!existsSync(file)) return undefined;
  const page = inlineStylesheets(readFileSync(file, "utf8"), async (path) => {
    const css = join(dist, path);
    return existsSync(css) ? readFileSync(css, "utf8") : undefined;
  });
  return () => page;
}

/** Serves the built web app: hashed assets, the counter kiosk under /k/, the admin SPA elsewhere (/s/ is the app's own). */
export function mountWebApp(app: App, dist: string, { precompressed = true }: { precompressed?: boolean } = {}) {
  const page = (name: string) => {
    const file = join(dist, name, "index.html");
    return existsSync(file) ? readFileSync(file, "utf8") : `<!doctype html><p>The web app is not built. Run <code>npm run build</code>.</p>`;
  };
  const respondPage = page("respond");
  const adminPage = page("admin");
  app.use(
    "/assets/*",
    serveStatic({
      root: dist,
      // The .br and .gz files written beside each bundle at build time (vite.config.ts).
      precompressed,
      onFound: (_p, c) => {
        c.header("cache-control", IMMUTABLE_ASSET_CACHE);
        if (!c.res.headers.get("vary")?.includes("Accept-Encoding")) c.header("vary", "Accept-Encoding", { append: true });
      },
    }),
  );
  // A missing bundle (an old page after a deploy) must fail as a 404, not load the app's HTML as script.
  app.get("/assets/*", (c) => c.text("Not found", 404));
  // Pages name the current bundles, so they are revalidated on every visit.
  app.get("/k/*", (c) => c.html(respondPage, 200, { "cache-control": "no-cache" }));
  app.get("*", (c) => c.html(adminPage, 200, { "cache-control": "no-cache" }));
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;
// Below this a response fits in one packet either way, and brotli's framing can even make it longer.
const MIN_COMPRESS_BYTES = 256;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The best encoding the client accepts (q-values honoured), brotli first. */
export function pickEncoding(acceptEncoding: string | null | undefined): "br" | "gzip" | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return wants("br") ? "br" : wants("gzip") ? "gzip" : undefined;
}

type Fetch<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/**
 * Compresses HTML, JSON, problem+json, JS and CSS responses by the client's Accept-Encoding. Bundles
 * that already come precompressed from disk pass through. Workers get this from Cloudflare instead.
 */
export function withCompression<Rest extends unknown[]>(fetch: Fetch<Rest>): Fetch<Rest> {
  return async (request, ...rest) => {
    const res = await fetch(request, ...rest);
    const type = res.headers.get("content-type") ?? "";
    if (!res.body || !COMPRESSIBLE.test(type) || res.headers.has("content-encoding") || res.status === 206) return res;
    if (/\bno-transform\b/.test(res.headers.get("cache-control") ?? "")) return res;
    const headers = new Headers(res.headers);
    if (!headers.get("vary")?.toLowerCase().includes("accept-encoding")) headers.append("vary", "Accept-Encoding");
    const encoding = pickEncoding(request.headers.get("accept-encoding"));
    const raw = Buffer.from(await res.arrayBuffer());
    let body: Buffer = raw;
    if (encoding && raw.length >= MIN_COMPRESS_BYTES) {
      // Quality 5 and level 6: most of the saving for a fraction of the CPU of the maximum, per request.
      body =
        encoding === "br"
          ? await brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } })
          : await gzipAsync(raw, { level: 6 });
      headers.set("content-encoding", encoding);
    }
    headers.set("content-length", String(body.length));
    return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: res.status, statusText: res.statusText, headers });
  };
}
