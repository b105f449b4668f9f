// createApp(deps): the runtime-neutral Hono app. Entries build deps; nothing here touches a runtime.
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import type { Db } from "../db/client";
import type { AppSettings } from "./config";
import { NotFound, toProblem } from "./errors";
import type { Mailer } from "./mail/mailer";
import type { SessionUser } from "./features/auth/auth.service";
import { authRoutes } from "./features/auth/auth.routes";
import { apiKeyRoutes } from "./features/api-keys/api-keys.routes";
import { surveyRoutes } from "./features/surveys/surveys.routes";
import { distributionRoutes } from "./features/distribution/distribution.routes";
import { interactionRoutes } from "./features/interactions/interactions.routes";
import { invitationRoutes } from "./features/invitations/invitations.routes";
import { respondRoutes } from "./features/respond/respond.routes";
import { analyticsRoutes } from "./features/analytics/analytics.routes";
import { mailboxRoutes } from "./features/mailbox/mailbox.routes";

export type Deps = {
  db: Db;
  mailer: Mailer;
  settings: AppSettings;
  now?: () => Date;
};

export type AppEnv = {
  Variables: {
    deps: Required<Deps>;
    requestId: string;
    user: SessionUser;
    orgId: string;
    authVia: "session" | "api-key";
  };
};

export function createApp(input: Deps) {
  const deps: Required<Deps> = { now: () => new Date(), ...input };
  const app = new Hono<AppEnv>();

  app.use("*", requestId());
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  // Cookie-authenticated writes must come from our own pages; JSON-only bodies close the rest.
  app.use("/api/*", csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL(deps.settings.publicUrl).origin }));

  app.get("/api/health", (c) => c.json({ ok: true }));
  app.route("/api", authRoutes);
  app.route("/api", apiKeyRoutes);
  app.route("/api", surveyRoutes);
  app.route("/api", distributionRoutes);
  app.route("/api", interactionRoutes);
  app.route("/api", invitationRoutes);
  app.route("/api", respondRoutes);
  app.route("/api", analyticsRoutes);
  app.route("/api", mailboxRoutes);

  app.all("/api/*", () => {
    throw new NotFound("No such API endpoint.");
  });
  app.onError((err, c) => toProblem(err, c));
  return app;
}

export type App = ReturnType<typeof createApp>;
