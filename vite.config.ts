// Builds the admin app and the respondent page as two separate entries into dist/.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

// In production the server maps /s/* to the respondent page and other paths to the admin app;
// the dev server does the same so deep links and reloads work there too.
const devFallback: Plugin = {
  name: "rapport-dev-fallback",
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const wantsPage = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
      if (wantsPage && !path.startsWith("/api/") && !path.includes(".")) {
        req.url = path.startsWith("/s/") ? "/respond/index.html" : "/admin/index.html";
      }
      next();
    });
  },
};

export default defineConfig({
  root: "web",
  base: "/",
  appType: "mpa",
  plugins: [react(), devFallback],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    // survey-core is one ~1.5 MB module that cannot be split further; warn only above it.
    chunkSizeWarningLimit: 1700,
    rolldownOptions: {
      input: { admin: web("admin/index.html"), respond: web("respond/index.html") },
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
