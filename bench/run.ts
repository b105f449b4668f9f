// Benchmarks: answer submission against a bare health check on the same server, bundle weights, and the
// respondent page on a slow phone, compressed beside uncompressed and beside a plain SurveyJS page of the same survey.
// Prints figures and ratios measured in this run; medians of several rounds, since the machine is shared.
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { spawn } from "node:child_process";
import react from "@vitejs/plugin-react";
import autocannon from "autocannon";
import { build } from "vite";
import { chromiumAvailable, launchChromium } from "../test/support/browser";

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

function bundleReport() {
  if (!existsSync(DIST)) return console.log(`Bundles: ${DIST}/ is missing; run npm run build first.`);
  console.log("Bundles (everything each page loads: raw, gzip, and brotli as precompressed by the build):");
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
  for (const page of ["respond", "admin"]) {
    const html = readFileSync(join(DIST, page, "index.html"), "utf8");
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => join(DIST, m[1]!));
    const sum = (f: (file: string) => number) => assets.reduce((total, file) => total + f(file), 0);
    const raw = sum((a) => readFileSync(a).length);
    const gzip = sum((a) => gzipSync(readFileSync(a)).length);
    const br = sum((a) => readFileSync(existsSync(`${a}.br`) ? `${a}.br` : a).length);
    console.log(`  ${page.padEnd(8)} raw ${kb(raw)}   gzip ${kb(gzip)}   br ${kb(br)}   in ${assets.length} files`);
  }
  const all = readdirSync(join(DIST, "assets")).filter((f) => !/\.(br|gz)$/.test(f)).length;
  console.log(`  (${all} bundles in ${DIST}/assets, each with .br and .gz when that is smaller)`);
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
  };
  const browser = await launchChromium();
  const results: Record<keyof typeof targets, { bytes: number[]; tappable: number[] }> = {
    compressed: { bytes: [], tappable: [] },
    plain: { bytes: [], tappable: [] },
    surveyjs: { bytes: [], tappable: [] },
  };
  try {
    for (let run = 0; run < PAGE_RUNS; run++) {
      for (const name of ["plain", "compressed", "surveyjs"] as const) {
        const target = targets[name];
        // A fresh context is a first visit: empty cache, no cookies.
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        // Marks the moment the first question's rating (buttons, or the dropdown SurveyJS uses on narrow screens) is on screen.
        await page.addInitScript(() => {
          const w = window as unknown as { firstRatingAt?: number };
          new MutationObserver((_m, observer) => {
            const el = document.querySelector(".sd-question .sd-rating__item, .sd-question .sd-dropdown");
            if (el && el.getBoundingClientRect().width > 0) {
              w.firstRatingAt = performance.now();
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
        await page.waitForFunction(() => (window as unknown as { firstRatingAt?: number }).firstRatingAt !== undefined, undefined, { timeout: 120_000 });
        // Whatever else the page fetches on its own (a locale, the survey JSON) counts as part of the first visit.
        await page.waitForLoadState("networkidle");
        results[name].tappable.push(await page.evaluate(() => (window as unknown as { firstRatingAt: number }).firstRatingAt));
        results[name].bytes.push(bytes);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    targets.compressed.close();
    targets.plain.close();
    targets.surveyjs.close();
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
