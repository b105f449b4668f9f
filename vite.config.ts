// Builds the admin app, the respondent page and the API reference page as separate entries into dist/.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { assetHeadersFile } from "./server/lib/security-headers";
import { precompressDir } from "./web/build/precompress";

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

// In production the server maps /s/* and /k/* to the respondent page, /api/docs to the API reference and other
// paths to the admin app; the dev server does the same so deep links and reloads work there too.
const devFallback: Plugin = {
  name: "rapport-dev-fallback",
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const wantsPage = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
      // Before the /api proxy, which would ask the API server for a page only a build has.
      if (wantsPage && path === "/api/docs") req.url = "/docs/index.html";
      else if (wantsPage && !path.startsWith("/api/") && !path.includes(".")) {
        req.url = path.startsWith("/s/") || path.startsWith("/k/") ? "/respond/index.html" : "/admin/index.html";
      }
      next();
    });
  },
};

// After the bundle is written: .br/.gz beside each asset for the Node server; for Workers, which serve
// /assets/* without running the Worker, the same security and cache headers in a `_headers` file, and
// an .assetsignore so the precompressed copies are not uploaded (Cloudflare compresses by itself).
const distExtras: Plugin = {
  name: "rapport-dist-extras",
  apply: "build",
  async writeBundle(options) {
    const dir = options.dir!;
    await precompressDir(join(dir, "assets"));
    await writeFile(join(dir, "_headers"), assetHeadersFile());
    // The manifest is for the benchmark's bundle report, not for visitors.
    await writeFile(join(dir, ".assetsignore"), "*.br\n*.gz\n.vite\n");
  },
};

export default defineConfig({
  root: "web",
  base: "/",
  appType: "mpa",
  plugins: [react(), devFallback, distExtras],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    // survey-core is one ~1.5 MB module that cannot be split further; warn only above it.
    chunkSizeWarningLimit: 1700,
    // Which chunk imports which, now or on demand: bench/run.ts weighs what each page loads from it.
    manifest: true,
    rolldownOptions: {
      input: { admin: web("admin/index.html"), respond: web("respond/index.html"), docs: web("docs/index.html") },
      // Named vendor chunks: both entries share them from the browser cache, and the build report reads plainly.
      // survey-core's locale files stay out of the survey chunk so each loads only when a survey asks for it.
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "survey", test: /[\\/]node_modules[\\/]survey-(core|react-ui)[\\/]fesm[\\/][^\\/]+\.mjs$/ },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8787" } },
});
