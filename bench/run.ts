// Benchmarks: answer submission against a bare health check on the same server, and bundle weights.
// Prints figures and ratios measured in this run; medians of several rounds, since the machine is shared.
import { readFileSync, readdirSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { spawn } from "node:child_process";
import autocannon from "autocannon";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startTarget(tokenCount: number) {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=" + process.env.BENCH_PROFILE] : []), "--import", "tsx", "bench/target.server.ts", String(tokenCount)], { stdio: ["ignore", "pipe", "inherit"] });
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
  if (!existsSync("dist")) return console.log("Bundles: dist/ is missing; run npm run build first.");
  console.log("Bundles (gzip, everything each page loads):");
  for (const page of ["respond", "admin"]) {
    const html = readFileSync(join("dist", page, "index.html"), "utf8");
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const sizes = assets.map((a) => gzipSync(readFileSync(join("dist", a))).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`  ${page.padEnd(8)} ${(total / 1024).toFixed(1).padStart(7)} KB in ${assets.length} files`);
  }
  const all = readdirSync("dist/assets").length;
  console.log(`  (${all} files in dist/assets)`);
}

bundleReport();
await httpBench();
