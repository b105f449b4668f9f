// The Workers build as a page-benchmark target: local workerd with D1 serving the built web app, one published
// survey (the one the Node target uses) and one invitation, made through the API as a deployment would.
import { demoSurveys } from "../../db/seed/demo-surveys";
import { WORKER_PASSWORD, startLocalWorker } from "../../test/support/worker-harness";

export async function startWorkerTarget(dist: string) {
  const worker = await startLocalWorker({ assets: dist });
  const call = async (path: string, init: { body?: unknown; cookie?: string; apiKey?: string } = {}) => {
    const headers: Record<string, string> = { origin: worker.url };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    if (init.cookie) headers.cookie = init.cookie;
    if (init.apiKey) headers.authorization = `Bearer ${init.apiKey}`;
    const res = await fetch(`${worker.url}${path}`, { method: init.body === undefined ? "GET" : "POST", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { res, json: (await res.json()) as Record<string, unknown> & { id?: string; items?: { text?: string }[] } };
  };
  try {
    const signIn = async (email: string) => (await call("/api/auth/login", { body: { email, password: WORKER_PASSWORD } })).res.headers.get("set-cookie")!.split(";")[0]!;
    const manager = await signIn(worker.emails.manager);
    const admin = await signIn(worker.emails.admin);
    const { title, definition } = demoSurveys[0]!;
    const { json: created } = await call("/api/surveys", { cookie: manager, body: { title, definition } });
    await call(`/api/surveys/${created.id}/publish`, { cookie: manager, body: {} });
    await call(`/api/surveys/${created.id}/rules`, { cookie: manager, body: { match: {}, delayMinutes: 0, expiresAfterDays: 7 } });
    const email = "bench@customer.example";
    await call("/api/interactions", {
      apiKey: worker.apiKey,
      body: { interactions: [{ externalId: "bench-1", occurredAt: new Date(Date.now() - 60_000).toISOString(), type: "enquiry", channel: "email", customer: { email } }] },
    });
    await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent("* * * * *")}`);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      const { json } = await call(`/api/dev/mailbox?to=${encodeURIComponent(email)}`, { cookie: admin });
      const token = /\/s\/([\w-]+)/.exec(json.items?.[0]?.text ?? "")?.[1];
      if (token) return { url: worker.url, tokens: [token], close: () => void worker.dispose() };
    }
    throw new Error("the Worker sent no invitation");
  } catch (err) {
    await worker.dispose();
    throw err;
  }
}
