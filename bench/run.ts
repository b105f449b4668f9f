// Benchmarks: answer submission against a bare health check on the same server, bundle weights, and the
// respondent page on a slow phone, compressed beside uncompressed, on Workers (local workerd), and beside a plain
// SurveyJS page of the same survey.
// Prints figures and ratios measured in this run; medians of several rounds, since the machine is shared.
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { spawn } from "node:child_process";
import react from "@vitejs/plugin-react";
import autocannon from "autocannon";
import { build } from "vite";
import { chromiumAvailable, launchChromium } from "../test/support/browser";
import { startWorkerTarget } from "./lib/worker-target";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 3);
// The built web app to measure; another folder lets a build run beside someone else's.
const DIST = process.env.BENCH_DIST ?? "dist";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startTarget(tokenCount: number, extraArgs: string[] = []) {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), "--import", "tsx", "bench/target.server.ts", String(tokenCount), ...extraArgs], { stdio: ["ignore", "pipe", "inherit"] });
  const line: string = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once("exit", (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
  const { url, tokensFile, dir } = JSON.parse(line) as { url: string; tokensFile: string; dir: string };
  const tokens = JSON.parse(readFileSync(tokensFile, "utf8")) as string[];
  return { url, tokens, close: () => { child.kill("SIGINT"); rmSync(dir, { recursive: true, force: true }); } };
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))));
}

async function httpBench() {
  const target = await startTarget(ROUNDS * SECONDS * 3000);
  let next = 0;
  const body = JSON.stringify({ data: { csat: 5, ces: 6, nps: 9, comment: "Quick and friendly" } });
  const health: autocannon.Result[] = [];
  const respond: autocannon.Result[] = [];
  let non2xx = 0;
  for (let round = 0; round < ROUNDS; round++) {
    health.push(await load({ url: `${target.url}/api/health`, connections: CONNECTIONS, duration: SECONDS }));
    const r = await load({
      url: target.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          setupRequest: (req) => ({ ...req, path: `/api/public/invitations/${target.tokens[next++ % target.tokens.length]}/response` }),
        },
      ],
    });
    non2xx += r.non2xx;
    respond.push(r);
  }
  target.close();
  const rps = (rs: autocannon.Result[]) => median(rs.map((r) => r.requests.average));
  const p99 = (rs: autocannon.Result[]) => median(rs.map((r) => r.latency.p99));
  console.log(`HTTP, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS}s, medians:`);
  console.log(`  GET  /api/health                            ${rps(health).toFixed(0).padStart(7)} req/s   p99 ${p99(health).toFixed(1)} ms`);
  console.log(`  POST /api/public/invitations/:t/response    ${rps(respond).toFixed(0).padStart(7)} req/s   p99 ${p99(respond).toFixed(1)} ms   (non-2xx: ${non2xx})`);
  console.log(`  ratio response/health                       ${(rps(respond) / rps(health)).toFixed(3)} of the bare framework's throughput`);
}

type ManifestChunk = { file: string; src?: string; imports?: string[]; dynamicImports?: string[]; css?: string[] };

/** The files a page's entry loads: its own imports and stylesheets, and with `onDemand` what it imports later (survey-core's locale files aside: one at most, for a language the survey does not have). */
function pageFiles(manifest: Record<string, ManifestChunk>, entry: string, onDemand: boolean): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file) || chunk.src?.includes("survey-core/fesm/i18n/")) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const k of chunk.imports ?? []) visit(k);
    if (onDemand) for (const k of chunk.dynamicImports ?? []) visit(k);
  };
  visit(entry);
  return [...files];
}

function bundleReport() {
  const manifestFile = join(DIST, ".vite", "manifest.json");
  if (!existsSync(manifestFile)) return console.log(`Bundles: ${DIST}/.vite/manifest.json is missing; run npm run build first.`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, ManifestChunk>;
  console.log("Bundles (JavaScript and CSS a page loads before it is drawn, and with what it loads on demand: raw, gzip, and brotli as precompressed):");
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  // The invitation page: its entry, then what takes its form over (the kiosk's own start is another page's).
  const pages = [
    { name: "respond", entries: ["respond/index.html", "respond/respond-start.tsx"] },
    { name: "admin", entries: ["admin/index.html"] },
  ];
  for (const { name: page, entries } of pages) {
    for (const onDemand of [false, true]) {
      const chosen = onDemand ? entries : entries.slice(0, 1);
      const assets = [...new Set(chosen.flatMap((e) => pageFiles(manifest, e, onDemand && e !== "respond/index.html")))].map((f) => join(DIST, f));
      const sum = (f: (file: string) => number) => assets.reduce((total, file) => total + f(file), 0);
      const raw = sum((a) => readFileSync(a).length);
      const gzip = sum((a) => gzipSync(readFileSync(a)).length);
      const br = sum((a) => readFileSync(existsSync(`${a}.br`) ? `${a}.br` : a).length);
      console.log(`  ${page.padEnd(8)} ${onDemand ? "all      " : "first    "} raw ${kb(raw)}   gzip ${kb(gzip)}   br ${kb(br)}   in ${assets.length} files`);
    }
  }
  const all = readdirSync(join(DIST, "assets")).filter((f) => !/\.(br|gz)$/.test(f)).length;
  console.log(`  (${all} bundles in ${DIST}/assets, each with .br and .gz when that is smaller; the respondent page's first stylesheets go inline)`);
}

// A slow 4G phone: Chrome DevTools' "Slow 4G" figures, a 4x slower CPU, and a 390 px wide screen.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

async function pageBench() {
  if (!chromiumAvailable) return console.log("Respondent page: Chromium is missing; skipped.");
  if (!existsSync(join(DIST, "respond", "index.html"))) return console.log(`Respondent page: ${DIST}/ is missing; run npm run build first.`);
  const surveyjs = await buildPlainSurveyJs();
  const targets = {
    compressed: await startTarget(1, [`--web=${DIST}`]),
    plain: await startTarget(1, [`--web=${DIST}`, "--plain"]),
    surveyjs: await startTarget(1, [`--web=${surveyjs}`]),
    workers: await startWorkerTarget(resolve(DIST)),
  };
  const browser = await launchChromium();
  const results: Record<keyof typeof targets, { bytes: number[]; tappable: number[] }> = {
    compressed: { bytes: [], tappable: [] },
    plain: { bytes: [], tappable: [] },
    surveyjs: { bytes: [], tappable: [] },
    workers: { bytes: [], tappable: [] },
  };
  try {
    for (let run = 0; run < PAGE_RUNS; run++) {
      for (const name of ["plain", "compressed", "surveyjs", "workers"] as const) {
        const target = targets[name];
        // A fresh context is a first visit: empty cache, no cookies.
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        // Marks the moment the first question's rating (the server's plain form, SurveyJS's buttons, or the dropdown
        // SurveyJS uses on narrow screens) is in the page and laid out; it is tappable once painted, so the figure is
        // the later of that moment and the first contentful paint.
        await page.addInitScript(() => {
          const w = window as unknown as { ratingInPage?: number };
          new MutationObserver((_m, observer) => {
            const el = document.querySelector(".plain-q .plain-point, .sd-question .sd-rating__item, .sd-question .sd-dropdown");
            if (el && el.getBoundingClientRect().width > 0) {
              w.ratingInPage = performance.now();
              observer.disconnect();
            }
          }).observe(document, { subtree: true, childList: true, attributes: true });
        });
        const cdp = await context.newCDPSession(page);
        let bytes = 0;
        cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
          bytes += e.encodedDataLength;
        });
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        await page.goto(`${target.url}/s/${target.tokens[0]}`);
        await page.waitForFunction(() => (window as unknown as { ratingInPage?: number }).ratingInPage !== undefined, undefined, { timeout: 120_000 });
        // Whatever else the page fetches on its own (SurveyJS taking over, a locale, the survey JSON) counts as part of the first visit.
        await page.waitForLoadState("networkidle");
        results[name].tappable.push(
          await page.evaluate(() => {
            const w = window as unknown as { ratingInPage: number };
            // SurveyJS's own page (it fades itself in) may report no contentful paint at all: its rating then counts from the DOM.
            return Math.max(w.ratingInPage, performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0);
          }),
        );
        results[name].bytes.push(bytes);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    targets.compressed.close();
    targets.plain.close();
    targets.surveyjs.close();
    targets.workers.close();
    rmSync(surveyjs, { recursive: true, force: true });
  }
  const c = { bytes: median(results.compressed.bytes), tappable: median(results.compressed.tappable) };
  const p = { bytes: median(results.plain.bytes), tappable: median(results.plain.tappable) };
  console.log(`Respondent page, first visit, slow 4G phone (150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU 4x slower, 390 px), medians of ${PAGE_RUNS} runs:`);
  console.log(`  bytes transferred      compressed ${(c.bytes / 1024).toFixed(0).padStart(6)} KB   uncompressed ${(p.bytes / 1024).toFixed(0).padStart(6)} KB   ratio ${(c.bytes / p.bytes).toFixed(3)}   (goal <= 460 KB)`);
  console.log(`  first rating tappable  compressed ${(c.tappable / 1000).toFixed(2).padStart(6)} s    uncompressed ${(p.tappable / 1000).toFixed(2).padStart(6)} s    ratio ${(c.tappable / p.tappable).toFixed(3)}`);
  const j = { bytes: median(results.surveyjs.bytes), tappable: median(results.surveyjs.tappable) };
  console.log(`  a plain SurveyJS page of the same survey, compressed: ${(j.bytes / 1024).toFixed(0)} KB, first rating tappable ${(j.tappable / 1000).toFixed(2)} s`);
  console.log(`  Rapport against it: ${(j.tappable / c.tappable).toFixed(2)}x as fast (goal: under 1 s and at least 3x)`);
  const w = { bytes: median(results.workers.bytes), tappable: median(results.workers.tappable) };
  console.log(`  the Workers build in local workerd: ${(w.bytes / 1024).toFixed(0)} KB, first rating tappable ${(w.tappable / 1000).toFixed(2)} s, ${(j.tappable / w.tappable).toFixed(2)}x as fast as plain SurveyJS`);
}

/** Builds the baseline page (bench/plain-surveyjs) into a temporary folder laid out like dist/. */
async function buildPlainSurveyJs() {
  const out = mkdtempSync(join(tmpdir(), "rapport-plain-surveyjs-"));
  const root = join(import.meta.dirname, "plain-surveyjs");
  await build({ root, base: "/", logLevel: "error", configFile: false, plugins: [react()], build: { outDir: out, emptyOutDir: true, rollupOptions: { input: join(root, "respond", "index.html") } } });
  return out;
}

bundleReport();
if (process.env.BENCH_SKIP_PAGE !== "1") await pageBench();
if (process.env.BENCH_SKIP_HTTP !== "1") await httpBench();
