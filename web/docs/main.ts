// The API reference page: swagger-ui, bundled with the page rather than fetched from a CDN, over the app's own document.
import SwaggerUI from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";
import "../shared/base.css";
import "./docs.css";

const main = document.getElementById("reference")!;
const status = main.querySelector<HTMLElement>(".docs-status")!;

async function render() {
  const res = await fetch("/api/openapi.json", { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`The API description did not load (HTTP ${res.status}). Reload the page to try again.`);
  const spec = await res.json();
  // Without servers, try-it-out calls the origin this page came from, whatever host the server saw behind a
  // proxy: so the browser sends the admin app's session cookie and the page's `connect-src 'self'` allows it.
  delete spec.servers;
  const domNode = document.createElement("div");
  main.append(domNode);
  SwaggerUI({
    domNode,
    spec,
    // Deep links put a link inside each operation's toggle button, which screen readers cannot operate.
    deepLinking: false,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    defaultModelExpandDepth: 2,
    displayRequestDuration: true,
    filter: true,
    validatorUrl: null,
    syntaxHighlight: { activated: true, theme: "idea" },
    onComplete: () => status.remove(),
  });
}

render().catch((err: unknown) => {
  status.textContent = err instanceof Error ? err.message : String(err);
  status.classList.add("docs-error");
});
