// The admin shell: who is signed in, the header, and which screen the URL names.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, api, isAbort, whenUnauthorized } from "../shared/api";
import type { Me } from "./api-types";
import { AnalyticsPage } from "./pages/analytics.page";
import { ApiKeysPage } from "./pages/api-keys.page";
import { LoginPage } from "./pages/login.page";
import { MailboxPage } from "./pages/mailbox.page";
import { SurveyEditorPage } from "./pages/survey-editor.page";
import { SurveysPage } from "./pages/surveys.page";
import { Link, Redirect, confirmLeave, matchPath, navigate, useLocation } from "./router";
import { SessionContext, type Session } from "./session";
import { Loading, PageHeading, ProblemBanner } from "./ui/feedback";

// Only same-site paths: an open redirect through ?next= would hand the login page to phishers.
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/surveys";
}

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {children}
    </>
  );
}

function screenFor(path: string, me: Me): ReactNode {
  if (path === "/") return <Redirect to="/surveys" />;
  if (path === "/surveys") return <SurveysPage />;
  const edit = matchPath("/surveys/:id", path);
  if (edit?.id) return <SurveyEditorPage key={edit.id} id={edit.id} />;
  if (path === "/analytics") return <AnalyticsPage />;
  const adminOnly = path === "/mailbox" || path === "/settings/api-keys";
  if (adminOnly && me.role !== "admin") {
    return (
      <Message title="Admins only">
        <p>This page needs the admin role; you are signed in as {me.role}.</p>
      </Message>
    );
  }
  if (path === "/mailbox") return <MailboxPage />;
  if (path === "/settings/api-keys") return <ApiKeysPage />;
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

  // After an in-app navigation, start keyboard and screen-reader users at the new page's heading.
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = "";
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
  }, [path]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to="/surveys" className="brand">
            Rapport
          </Link>
          <nav aria-label="Main" className="main-nav">
            <ul>
              <NavLink to="/surveys" path={path}>
                Surveys
              </NavLink>
              <NavLink to="/analytics" path={path}>
                Analytics
              </NavLink>
              {me.role === "admin" && (
                <>
                  <NavLink to="/mailbox" path={path}>
                    Dev mailbox
                  </NavLink>
                  <NavLink to="/settings/api-keys" path={path}>
                    API keys
                  </NavLink>
                </>
              )}
            </ul>
          </nav>
          <div className="user" data-testid="current-user">
            <span className="user-email">{me.email}</span>
            <span className="badge badge-role">{me.role}</span>
            <button type="button" className="button secondary small" onClick={() => void session.signOut()}>
              Log out
            </button>
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
        onSignedIn={(user) => {
          setMe(user);
          navigate(safeNext(query.get("next")), { replace: true, force: true });
        }}
      />
    );
  }
  if (path === "/login") return <Redirect to={safeNext(query.get("next"))} />;

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
