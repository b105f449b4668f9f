// The survey-content sanitizer (sanitize-html, htmlparser2, postcss) bundled and running in local workerd,
// which has no DOM and no Node modules: a definition saved through the Worker comes back clean.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { surveyDefinition } from "../support/factories";
import { WORKER_PASSWORD, startLocalWorker, type LocalWorker } from "../support/worker-harness";

describe("survey content on the Worker", () => {
  let worker: LocalWorker;

  beforeAll(async () => {
    worker = await startLocalWorker();
  }, 90_000);

  afterAll(async () => {
    await worker?.dispose();
  }, 30_000);

  it("strips script from an html question on save and keeps the harmless formatting", async () => {
    const headers = { origin: worker.url, "content-type": "application/json" };
    const login = await fetch(`${worker.url}/api/auth/login`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email: worker.emails.manager, password: WORKER_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

    const definition = surveyDefinition();
    definition.pages[0]!.elements.unshift({
      type: "html",
      name: "intro",
      html: '<p onclick="steal()">Hello <b>there</b> <a href="https://example.com">read</a><img src=x onerror="steal()"></p>',
    } as never);
    const res = await fetch(`${worker.url}/api/surveys`, {
      method: "POST",
      headers: { ...headers, cookie },
      body: JSON.stringify({ title: "Sanitized on the edge", definition }),
    });
    const body = (await res.json()) as { definition: typeof definition; sanitized: string[] };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect((body.definition.pages[0]!.elements[0] as unknown as { html: string }).html).toBe(
      '<p>Hello <b>there</b> <a href="https://example.com" rel="noopener noreferrer" target="_blank">read</a></p>',
    );
    expect(body.sanitized).toEqual(["/definition/pages/0/elements/0/html"]);
  });
});
