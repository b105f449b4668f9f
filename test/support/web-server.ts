// The test app served on a loopback port with the built web app, for browser tests.
import { serve } from "@hono/node-server";
import { mountWebApp, nodeDocsPage, nodeRespondPage, withCompression } from "../../server/node-runtime";
import { createTestContext, type TestContext, type TestContextOptions } from "./app";
import { webDist } from "./browser";

export type ServedApp = { ctx: TestContext; base: string; close: () => void };

export async function serveTestApp(opts: TestContextOptions & { compress?: boolean } = {}): Promise<ServedApp> {
  let ctx: TestContext | undefined;
  const fetch = (req: Request) => ctx!.app.fetch(req);
  // Emailed links must name the port, which is known only once listening: bind first, build the app after.
  const server = serve({ fetch: opts.compress ? withCompression(fetch) : fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  ctx = await createTestContext({ ...opts, settings: { ...opts.settings, publicUrl: base }, docsPage: nodeDocsPage(webDist), respondPage: nodeRespondPage(webDist) });
  mountWebApp(ctx.app, webDist);
  return { ctx, base, close: () => void server.close() };
}
