// The admin shell: who is signed in, the header, and which screen the URL names.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, api, isAbort, whenUnauthorized } from "../shared/api";
import type { Me } from "./api-types";
import { AcceptInvitePage } from "./pages/accept-invite.page";
import { AccountPage } from "./pages/account.page";
import { AnalyticsPage } from "./pages/analytics.page";
import { ApiKeysPage } from "./pages/api-keys.page";
import { ForgotPasswordPage } from "./pages/forgot-password.page";
import { LoginPage } from "./pages/login.page";
import { MailboxPage } from "./pages/mailbox.page";
import { PeoplePage } from "./pages/people.page";
import { ResetPasswordPage } from "./pages/reset-password.page";
import { SetupPage } from "./pages/setup.page";
import { SurveyEditorPage } from "./pages/survey-editor.page";
import { SurveysPage } from "./pages/surveys.page";
import { Link, Redirect, confirmLeave, matchPath, navigate, useLocation } from "./router";
import { SessionContext, type Session } from "./session";
import { Loading, PageHeading, ProblemBanner } from "./ui/feedback";

// Only same-site paths: an open redirect through ?next= would hand the login page to phishers.
function safeNext(next: string | null, me: Me): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : homeFor(me);
}

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {children}
    </>
  );
}

// Pages reached from an emailed or printed link, or from the sign-in page: they work signed out.
const ACCOUNT_PATHS = new Set(["/setup", "/accept-invite", "/forgot-password", "/reset-password"]);

// Agents have no survey or analytics access yet, so their home is their account.
const homeFor = (me: Me) => (me.role === "agent" ? "/account" : "/surveys");

function screenFor(path: string, me: Me): ReactNode {
  if (path === "/") return <Redirect to={homeFor(me)} />;
  if (path === "/account") return <AccountPage />;
  if (path === "/surveys") return <SurveysPage />;
  const edit = matchPath("/surveys/:id", path);
  if (edit?.id) return <SurveyEditorPage key={edit.id} id={edit.id} />;
  if (path === "/analytics") return <AnalyticsPage />;
  const adminOnly = path === "/mailbox" || path === "/settings/api-keys" || path === "/settings/people";
  if (adminOnly && me.role !== "admin") {
    return (
      <Message title="Admins only">
        <p>This page needs the admin role; you are signed in as {me.role}.</p>
      </Message>
    );
  }
  if (path === "/mailbox") return <MailboxPage />;
  if (path === "/settings/api-keys") return <ApiKeysPage />;
  if (path === "/settings/people") return <PeoplePage />;
  return (
    <Message title="Page not found">
      <p>
        There is nothing at this address. <Link to="/surveys">Go to the surveys</Link>.
      </p>
    </Message>
  );
}

function NavLink({ to, path, children }: { to: string; path: string; children: ReactNode }) {
  const current = path === to || path.startsWith(`${to}/`);
  return (
    <li>
      <Link to={to} aria-current={current ? "page" : undefined}>
        {children}
      </Link>
    </li>
  );
}

function Shell({ session, path, children }: { session: Session; path: string; children: ReactNode }) {
  const { me } = session;
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // On narrow screens the navigation folds behind a Menu button; wide screens always show it (CSS).
  const [menuOpen, setMenuOpen] = useState(false);

  // After an in-app navigation, start keyboard and screen-reader users at the new page's heading.
  useEffect(() => {
    setMenuOpen(false);
    if (path === firstPath.current) return;
    firstPath.current = "";
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
  }, [path]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  const agent = me.role === "agent";
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to={homeFor(me)} className="brand">
            Rapport
          </Link>
          <button
            ref={toggleRef}
            type="button"
            className="menu-toggle button secondary small"
            aria-expanded={menuOpen}
            aria-controls="header-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <div id="header-menu" className="header-menu" data-open={menuOpen || undefined}>
            <nav aria-label="Main" className="main-nav">
              <ul>
                {!agent && (
                  <>
                    <NavLink to="/surveys" path={path}>
                      Surveys
                    </NavLink>
                    <NavLink to="/analytics" path={path}>
                      Analytics
                    </NavLink>
                  </>
                )}
                {me.role === "admin" && (
                  <>
                    <NavLink to="/settings/people" path={path}>
                      People
                    </NavLink>
                    <NavLink to="/settings/api-keys" path={path}>
                      API keys
                    </NavLink>
                    <NavLink to="/mailbox" path={path}>
                      Dev mailbox
                    </NavLink>
                  </>
                )}
                <NavLink to="/account" path={path}>
                  Account
                </NavLink>
              </ul>
            </nav>
            <div className="user" data-testid="current-user">
              <span className="user-email" title={me.email}>
                {me.email}
              </span>
              <span className="badge badge-role">{me.role}</span>
              <button type="button" className="button secondary small" onClick={() => void session.signOut()}>
                Log out
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const { path: rawPath, search, query } = useLocation();
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, "") : rawPath;

  useEffect(() => whenUnauthorized(() => setMe(null)), []);

  useEffect(() => {
    const controller = new AbortController();
    setBootError(null);
    api.get<Me>("/api/me", { signal: controller.signal, expectUnauthorized: true }).then(setMe, (err) => {
      if (isAbort(err)) return;
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else setBootError(err);
    });
    return () => controller.abort();
  }, [attempt]);

  const signedIn = (user: Me, to: string) => {
    setMe(user);
    navigate(to, { replace: true, force: true });
  };

  // These pages stand alone, signed in or not: a link from an email must open whoever holds this browser.
  if (ACCOUNT_PATHS.has(path)) {
    const token = query.get("token") ?? "";
    if (path === "/setup") return <SetupPage token={token} onSignedIn={(user) => signedIn(user, "/settings/people")} />;
    if (path === "/accept-invite") return <AcceptInvitePage token={token} signedInAs={me?.email ?? null} onSignedIn={(user) => signedIn(user, homeFor(user))} />;
    if (path === "/reset-password") return <ResetPasswordPage token={token} />;
    return <ForgotPasswordPage />;
  }

  if (bootError) {
    return (
      <main id="main" className="app-main narrow">
        <PageHeading title="Rapport">Rapport is not reachable</PageHeading>
        <ProblemBanner error={bootError} />
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </main>
    );
  }
  if (me === undefined) {
    return (
      <main id="main" className="app-main narrow">
        <Loading />
      </main>
    );
  }
  if (me === null) {
    if (path !== "/login") return <Redirect to={`/login?next=${encodeURIComponent(rawPath + search)}`} />;
    return (
      <LoginPage
        onSignedIn={(user) => signedIn(user, safeNext(query.get("next"), user))}
      />
    );
  }
  if (path === "/login") return <Redirect to={safeNext(query.get("next"), me)} />;

  const session: Session = {
    me,
    signOut: async () => {
      if (!confirmLeave()) return;
      // Signing out locally matters more than the server hearing about it; a lost request only leaves a session to expire.
      await api.post("/api/auth/logout", {}, { expectUnauthorized: true }).catch(() => undefined);
      setMe(null);
      navigate("/login", { force: true });
    },
  };

  return (
    <SessionContext value={session}>
      <Shell session={session} path={path}>
        {screenFor(path, me)}
      </Shell>
    </SessionContext>
  );
}
