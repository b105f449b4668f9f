// createApp(deps): the runtime-neutral Hono app. Entries build deps; nothing here touches a runtime.
import type { Context } from "hono";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import type { Db } from "../db/client";
import type { AppSettings } from "./config";
import { NotFound, toProblem } from "./errors";
import { apiDescription, createRouter, registerSecuritySchemes } from "./lib/openapi";
import { documentRoutes } from "./features/api-reference/api-reference.routes";
import type { Actor } from "./lib/service-context";
import { Reactions } from "./lib/service-context";
import { wireReactions } from "./reactions";
import { limitRequestBodies } from "./lib/body-limits";
import { securityHeaders } from "./lib/security-headers";
import type { Mailer } from "./mail/mailer";
import type { SessionUser } from "./features/auth/auth.service";
import { authRoutes } from "./features/auth/auth.routes";
import { apiKeyRoutes } from "./features/api-keys/api-keys.routes";
import { surveyRoutes } from "./features/surveys/surveys.routes";
import { distributionRoutes } from "./features/distribution/distribution.routes";
import { contactRuleRoutes } from "./features/contact-rules/contact-rules.routes";
import { interactionRoutes } from "./features/interactions/interactions.routes";
import { invitationRoutes } from "./features/invitations/invitations.routes";
import { respondRoutes } from "./features/respond/respond.routes";
import { respondPageRoutes } from "./features/respond/respond-page.routes";
import { analyticsRoutes } from "./features/analytics/analytics.routes";
import { dropoffRoutes } from "./features/dropoff/dropoff.routes";
import { funnelRoutes } from "./features/funnel/funnel.routes";
import { exportRoutes } from "./features/analytics/export.routes";
import { commentRoutes } from "./features/comments/comments.routes";
import { responseRoutes } from "./features/responses/responses.routes";
import { responseImportRoutes } from "./features/response-import/response-import.routes";
import { mailboxRoutes } from "./features/mailbox/mailbox.routes";
import { setupRoutes } from "./features/setup/setup.routes";
import { accountRoutes } from "./features/accounts/accounts.routes";
import { peopleRoutes } from "./features/people/people.routes";
import { suppressionRoutes } from "./features/suppressions/suppressions.routes";
import { webhookRoutes } from "./features/webhooks/webhooks.routes";
import { kioskRoutes } from "./features/kiosks/kiosks.routes";
import { kpiRoutes } from "./features/kpis/kpis.routes";
import { benchmarkRoutes } from "./features/benchmarks/benchmarks.routes";
import { scorecardRoutes } from "./features/scorecard/scorecard.routes";
import { reviewPackRoutes } from "./features/review-packs/review-packs.routes";
import { caseRoutes } from "./features/cases/cases.routes";
import { unsubscribeRoutes } from "./features/unsubscribe/unsubscribe.routes";
import { throttleAccountForms, throttlePublic, throttleSignIn } from "./features/throttle/throttle.middleware";

export type Deps = {
  db: Db;
  mailer: Mailer;
  settings: AppSettings;
  now?: () => Date;
  /** The client's network address for per-address throttling, as the runtime knows it; undefined skips those limits. */
  clientAddress?: (c: Context) => string | undefined;
  /** The API reference page (a built web page); without one, /api/docs answers 404. */
  docsPage?: (c: Context) => Response | Promise<Response>;
  /** The built respondent page, its stylesheet inline, that /s/<token> fills in; without one, /s/ answers 404. */
  respondPage?: () => string | Promise<string>;
};

type ResolvedDeps = Required<Omit<Deps, "docsPage" | "respondPage">> & Pick<Deps, "docsPage" | "respondPage"> & { reactions: Reactions };

export type AppEnv = {
  Variables: {
    deps: ResolvedDeps;
    requestId: string;
    user: SessionUser;
    actor: Actor;
    orgId: string;
    authVia: "session" | "api-key";
  };
};

export function createApp(input: Deps) {
  const deps: ResolvedDeps = {
    now: () => new Date(),
    ...input,
    clientAddress: input.clientAddress ?? (() => undefined),
    reactions: wireReactions(new Reactions()),
  };
  const app = createRouter();
  registerSecuritySchemes(app);

  app.use("*", requestId());
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  // Set before the handler runs, so they ride on the response it builds: touching c.res.headers afterwards
  // makes the Node adapter build a full Response and costs over half of a small request's throughput.
  // Hono carries headers set this way over to a response made by onError, so problems get them too.
  const https = deps.settings.publicUrl.startsWith("https:");
  app.use("*", async (c, next) => {
    for (const [name, value] of Object.entries(securityHeaders(c.req.path, { https }))) c.header(name, value);
    await next();
  });
  // Cookie-authenticated writes must come from our own pages; JSON-only bodies close the rest.
  app.use("/api/*", csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL(deps.settings.publicUrl).origin }));
  app.use("/api/*", limitRequestBodies);
  app.use("/api/auth/login", throttleSignIn);
  app.use("/api/auth/*", throttleAccountForms);
  app.use("/api/setup/*", throttleAccountForms);
  app.use("/api/public/*", throttlePublic);

  // Chained, so the type of `routes` describes every endpoint for the web app's typed client.
  const routes = app
    .route("/api", documentRoutes(deps.docsPage))
    .route("/api", authRoutes)
    .route("/api", apiKeyRoutes)
    .route("/api", surveyRoutes)
    .route("/api", distributionRoutes)
    .route("/api", contactRuleRoutes)
    .route("/api", interactionRoutes)
    .route("/api", invitationRoutes)
    .route("/api", respondRoutes)
    .route("/api", analyticsRoutes)
    .route("/api", funnelRoutes)
    .route("/api", dropoffRoutes)
    .route("/api", exportRoutes)
    .route("/api", commentRoutes)
    .route("/api", responseRoutes)
    .route("/api", responseImportRoutes)
    .route("/api", mailboxRoutes)
    .route("/api", setupRoutes)
    .route("/api", accountRoutes)
    .route("/api", peopleRoutes)
    .route("/api", suppressionRoutes)
    .route("/api", webhookRoutes)
    .route("/api", kioskRoutes)
    .route("/api", kpiRoutes)
    .route("/api", benchmarkRoutes)
    .route("/api", scorecardRoutes)
    .route("/api", reviewPackRoutes)
    .route("/api", caseRoutes);
  // One-click unsubscribe (RFC 8058) sits outside /api: mail clients post to it with no cookie and no Origin.
  app.route("/u", unsubscribeRoutes({ page: throttlePublic }));
  // The respondent page: the survey's first page as a plain form, answerable before (or without) its script.
  app.route("/s", respondPageRoutes({ throttle: throttlePublic, bodyLimit: limitRequestBodies }));
  app.doc31("/api/openapi.json", () => apiDescription(deps.settings.publicUrl));

  app.all("/api/*", () => {
    throw new NotFound("No such API endpoint.");
  });
  app.onError((err, c) => toProblem(err, c));
  return routes;
}

export type App = ReturnType<typeof createApp>;
