// The admin app's routes, declared in code: which screen each URL shows, typed search params, and the sign-in gate.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, redirect, useNavigate } from "@tanstack/react-router";
import type { ReactNode } from "react";
import * as z from "zod/mini";
import { AcceptInvitePage } from "./pages/accept-invite.page";
import { AccountPage } from "./pages/account.page";
import { analyticsSearch } from "./analytics/search";
import { AnalyticsPage } from "./pages/analytics.page";
import { CommentThemesPage } from "./pages/comment-themes.page";
import { DeliveryPage } from "./pages/delivery.page";
import { ContactRulesPage } from "./pages/contact-rules.page";
import { ApiKeysPage } from "./pages/api-keys.page";
import { ForgotPasswordPage } from "./pages/forgot-password.page";
import { ImportPage } from "./pages/import.page";
import { InteractionsImportPage } from "./pages/interactions-import.page";
import { LoginPage } from "./pages/login.page";
import { MailboxPage } from "./pages/mailbox.page";
import { PeoplePage } from "./pages/people.page";
import { ResetPasswordPage } from "./pages/reset-password.page";
import { ResponsePage } from "./pages/response.page";
import { ResponsesPage } from "./pages/responses.page";
import { ReviewPackPage } from "./pages/review-pack.page";
import { ReviewsPage } from "./pages/reviews.page";
import { BenchmarksPage } from "./pages/benchmarks.page";
import { KpisPage } from "./pages/kpis.page";
import { ScorecardPage, StaffScorecardPage } from "./pages/scorecard.page";
import { CasePage } from "./pages/case.page";
import { CaseSettingsPage } from "./pages/case-settings.page";
import { CasesPage } from "./pages/cases.page";
import { SetupPage } from "./pages/setup.page";
import { SurveyEditorPage } from "./pages/survey-editor.page";
import { SurveysPage } from "./pages/surveys.page";
import { SettingsPage } from "./pages/settings.page";
import { KiosksPage } from "./pages/kiosks.page";
import { SuppressionsPage } from "./pages/suppressions.page";
import { meQuery, type Me } from "./queries";
import { endSession, homeFor, safeNext, startSession } from "./session";
import { AdminOnly, BootError, NotFoundPage, PendingScreen, Shell } from "./shell";

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({});

// Search params are plain strings as people type and share them (`?surveyId=…&from=2026-01-31`), not JSON;
// a repeated one (`?unit=a&unit=b`) is a list, as the API reads it.
function parseSearch(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const tokenSearch = z.object({ token: z.optional(z.string()) });
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

// One value per filter, as the Responses page sets them; a band it does not know falls back to any band.
const responsesSearch = z.object({
  surveyId: z.optional(z.string()),
  from: z.catch(z.optional(day), undefined),
  to: z.catch(z.optional(day), undefined),
  unit: z.optional(z.string()),
  channel: z.optional(z.string()),
  agent: z.optional(z.string()),
  type: z.optional(z.string()),
  band: z.catch(z.optional(z.enum(["promoter", "passive", "detractor", "low", "mid", "high"])), undefined),
  q: z.optional(z.string()),
});

/** After sign-in, setup or joining: the new person's cache, then where they were going. */
function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (me: Me, to: string) => {
    startSession(queryClient, me);
    void navigate({ href: to, replace: true, ignoreBlocker: true });
  };
}

// Pages reached from an emailed or printed link, or from the sign-in page: they work signed in or not,
// since a link from an email must open for whoever holds this browser.
const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: "/setup", validateSearch: tokenSearch, component: SetupRoute });
function SetupRoute(): ReactNode {
  const { token = "" } = setupRoute.useSearch();
  const signedIn = useSignedIn();
  return <SetupPage token={token} onSignedIn={(me) => signedIn(me, "/settings/people")} />;
}

const acceptInviteRoute = createRoute({ getParentRoute: () => rootRoute, path: "/accept-invite", validateSearch: tokenSearch, component: AcceptInviteRoute });
function AcceptInviteRoute(): ReactNode {
  const { token = "" } = acceptInviteRoute.useSearch();
  const me = useQuery(meQuery).data;
  const signedIn = useSignedIn();
  return <AcceptInvitePage token={token} signedInAs={me?.email ?? null} onSignedIn={(user) => signedIn(user, homeFor(user))} />;
}

const resetPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: "/reset-password", validateSearch: tokenSearch, component: ResetPasswordRoute });
function ResetPasswordRoute(): ReactNode {
  const { token = "" } = resetPasswordRoute.useSearch();
  return <ResetPasswordPage token={token} />;
}

const forgotPasswordRoute = createRoute({ getParentRoute: () => rootRoute, path: "/forgot-password", component: ForgotPasswordPage });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: z.object({ next: z.optional(z.string()) }),
  beforeLoad: async ({ context: { queryClient }, location, search }) => {
    if (location.state.signingOut) {
      await endSession(queryClient);
      // A fresh entry for the sign-in page, so going Back and Forward to it later signs nobody out.
      throw redirect({ to: "/login", replace: true });
    }
    const me = await queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeNext(search.next, me), replace: true });
  },
  errorComponent: BootError,
  component: LoginRoute,
});
function LoginRoute(): ReactNode {
  const { next } = loginRoute.useSearch();
  const signedIn = useSignedIn();
  return <LoginPage onSignedIn={(me) => signedIn(me, safeNext(next, me))} />;
}

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context: { queryClient }, location }) => {
    const me = await queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: "/login", search: { next: location.href }, replace: true });
    return { me };
  },
  errorComponent: BootError,
  component: Shell,
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  beforeLoad: ({ context: { me } }) => {
    throw redirect({ to: homeFor(me), replace: true });
  },
});

const accountRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/account", component: AccountPage });
const surveysRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/surveys", component: SurveysPage });

const surveyEditorRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/surveys/$id", component: SurveyEditorRoute });
function SurveyEditorRoute(): ReactNode {
  const { id } = surveyEditorRoute.useParams();
  // Another survey is another editor: nothing typed into one may carry over to the next.
  return <SurveyEditorPage key={id} id={id} />;
}

// The invitations' state and the funnel's filters; anything mistyped in a shared link falls back to its default.
const deliverySearch = z.object({
  state: z.catch(z.optional(z.enum(["scheduled", "sent", "delivered", "bounced", "failed", "expired", "answered", "cancelled"])), undefined),
  ruleId: z.optional(z.string()),
  unitId: z.optional(z.string()),
  range: z.catch(z.optional(z.enum(["30d", "90d", "12m", "quarter"])), undefined),
  from: z.catch(z.optional(day), undefined),
  to: z.catch(z.optional(day), undefined),
});
const deliveryRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/surveys/$id/delivery", validateSearch: deliverySearch, component: DeliveryRoute });
function DeliveryRoute(): ReactNode {
  const { id } = deliveryRoute.useParams();
  const navigate = deliveryRoute.useNavigate();
  return <DeliveryPage key={id} surveyId={id} search={deliveryRoute.useSearch()} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

const analyticsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/analytics", validateSearch: analyticsSearch, component: AnalyticsRoute });
function AnalyticsRoute(): ReactNode {
  const search = analyticsRoute.useSearch();
  const navigate = analyticsRoute.useNavigate();
  // Replace, not push: Back leaves the page instead of stepping through every filter tried.
  return <AnalyticsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

const responsesRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/responses", validateSearch: responsesSearch, component: ResponsesRoute });
function ResponsesRoute(): ReactNode {
  const filters = responsesRoute.useSearch();
  const navigate = responsesRoute.useNavigate();
  return <ResponsesPage filters={filters} onFilters={(next) => void navigate({ search: next, replace: true })} />;
}

const responseRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/responses/$id", validateSearch: responsesSearch, component: ResponseRoute });
function ResponseRoute(): ReactNode {
  const { id } = responseRoute.useParams();
  // The list's filters ride along, so the way back shows the list as it was left.
  return <ResponsePage key={id} id={id} filters={responseRoute.useSearch()} />;
}

// Reviewers, managers and admins; the pages tell anyone else they are not for their role.
const reviewsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/reviews", component: ReviewsPage });
const reviewPackRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/reviews/$id", component: ReviewPackRoute });
function ReviewPackRoute(): ReactNode {
  const { id } = reviewPackRoute.useParams();
  return <ReviewPackPage key={id} id={id} />;
}

// KPIs and benchmarks for reviewers, managers and admins; an agent's own scorecard; anyone's for the rest. Each page
// tells a role it is not for why.
const kpisRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/kpis", component: KpisPage });
const benchmarksRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/kpis/benchmarks", component: BenchmarksPage });
const scorecardRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/scorecard", component: ScorecardPage });
const staffScorecardRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/staff/$id/scorecard", component: StaffScorecardRoute });
function StaffScorecardRoute(): ReactNode {
  const { id } = staffScorecardRoute.useParams();
  return <StaffScorecardPage key={id} agentId={id} />;
}

// Follow-up cases for every role: an agent their own, a manager their units', reviewers read; mistyped filters fall back.
const casesSearch = z.object({
  view: z.catch(z.optional(z.enum(["mine", "overdue", "unassigned", "all"])), undefined),
  status: z.catch(z.optional(z.enum(["active", "open", "contacted", "resolved", "unreachable", "closed", "all"])), undefined),
});
const casesRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/cases", validateSearch: casesSearch, component: CasesRoute });
function CasesRoute(): ReactNode {
  const navigate = casesRoute.useNavigate();
  return <CasesPage search={casesRoute.useSearch()} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}
const caseRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/cases/$id", component: CaseRoute });
function CaseRoute(): ReactNode {
  const { id } = caseRoute.useParams();
  return <CasePage key={id} id={id} />;
}
// Managers and admins change them; reviewers read them; the page tells agents where their cases are.
const caseSettingsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings/cases", component: CaseSettingsPage });

const settingsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings", component: SettingsPage });

// Managers read the contact rules and admins change them, so the page sits outside the admins-only routes.
const contactRulesRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings/contact-rules", component: ContactRulesPage });

// Managers read the suppression list and admins change it; the page says so to anyone else.
const suppressionsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings/suppressions", component: SuppressionsPage });

// Managers see the kiosks and print posters; admins open and close them.
const kiosksRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/settings/kiosks", component: KiosksPage });

// Managers and admins import interactions; the page itself tells anyone else why they cannot.
const interactionsImportRoute = createRoute({ getParentRoute: () => signedInRoute, path: "/interactions/import", component: InteractionsImportPage });

const adminRoute = createRoute({ getParentRoute: () => signedInRoute, id: "admin", component: AdminOnly });
const peopleRoute = createRoute({ getParentRoute: () => adminRoute, path: "/settings/people", component: PeoplePage });
const apiKeysRoute = createRoute({ getParentRoute: () => adminRoute, path: "/settings/api-keys", component: ApiKeysPage });
const mailboxRoute = createRoute({ getParentRoute: () => adminRoute, path: "/mailbox", component: MailboxPage });
const commentThemesRoute = createRoute({ getParentRoute: () => adminRoute, path: "/settings/themes", component: CommentThemesPage });
const importRoute = createRoute({ getParentRoute: () => adminRoute, path: "/import", component: ImportPage });

const notFoundRoute = createRoute({ getParentRoute: () => signedInRoute, path: "$", component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  setupRoute,
  acceptInviteRoute,
  resetPasswordRoute,
  forgotPasswordRoute,
  loginRoute,
  signedInRoute.addChildren([
    homeRoute,
    accountRoute,
    surveysRoute,
    surveyEditorRoute,
    deliveryRoute,
    analyticsRoute,
    responsesRoute,
    responseRoute,
    reviewsRoute,
    reviewPackRoute,
    kpisRoute,
    benchmarksRoute,
    scorecardRoute,
    staffScorecardRoute,
    casesRoute,
    caseRoute,
    caseSettingsRoute,
    settingsRoute,
    contactRulesRoute,
    interactionsImportRoute,
    suppressionsRoute,
    kiosksRoute,
    adminRoute.addChildren([peopleRoute, apiKeysRoute, mailboxRoute, importRoute, commentThemesRoute]),
    notFoundRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPendingComponent: PendingScreen,
    defaultPendingMs: 200,
    defaultPendingMinMs: 300,
  });
}

declare module "@tanstack/history" {
  interface HistoryState {
    /** Set by Log out: the sign-in route ends the session once the editor's unsaved-changes guard lets the move through. */
    signingOut?: boolean;
  }
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
