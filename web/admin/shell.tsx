// The signed-in frame (header, navigation, main landmark) and the screens the router shows around pages.
import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate, useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { meQuery } from "./queries";
import { SessionContext, homeFor, useSession, type Session } from "./session";
import { Loading, PageHeading, ProblemBanner } from "./ui/feedback";

export function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {children}
    </>
  );
}

export function NotFoundPage() {
  return (
    <Message title="Page not found">
      <p>
        There is nothing at this address. <Link to="/surveys">Go to the surveys</Link>.
      </p>
    </Message>
  );
}

export function AdminOnly() {
  const { me } = useSession();
  if (me.role === "admin") return <Outlet />;
  return (
    <Message title="Admins only">
      <p>This page needs the admin role; you are signed in as {me.role}.</p>
    </Message>
  );
}

/** While the first "who am I" answer is on its way. */
export function PendingScreen() {
  return (
    <main id="main" className="app-main narrow">
      <Loading />
    </main>
  );
}

/** When the server cannot say who is signed in: nothing else can be shown, so offer to ask again. */
export function BootError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <main id="main" className="app-main narrow">
      <PageHeading title="Rapport">Rapport is not reachable</PageHeading>
      <ProblemBanner error={error} />
      <button
        type="button"
        className="button"
        onClick={() => {
          reset();
          void router.invalidate();
        }}
      >
        Try again
      </button>
    </main>
  );
}

function NavLink({ to, children }: { to: "/surveys" | "/analytics" | "/responses" | "/reviews" | "/kpis" | "/scorecard" | "/cases" | "/interactions/import" | "/settings" | "/account"; children: ReactNode }) {
  // The router marks the link aria-current="page" on its own page and the pages below it.
  return (
    <li>
      <Link to={to}>{children}</Link>
    </li>
  );
}

export function Shell() {
  const me = useQuery(meQuery).data;
  const router = useRouter();
  const navigate = useNavigate();
  const path = useLocation({ select: (location) => location.pathname });
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  // On narrow screens the navigation folds behind a Menu button; wide screens always show it (CSS).
  const [menuOpen, setMenuOpen] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing the menu is what a new path means.
  useEffect(() => setMenuOpen(false), [path]);

  // After an in-app navigation, start keyboard and screen-reader users at the new page's heading.
  useEffect(() => {
    let first = router.state.location.pathname;
    return router.subscribe("onRendered", (event) => {
      if (!event.pathChanged || event.toLocation.pathname === first) return;
      first = "";
      const heading = mainRef.current?.querySelector<HTMLElement>("h1");
      (heading ?? mainRef.current)?.focus();
    });
  }, [router]);

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

  // A lapsed session clears `me` on its way to the sign-in page; there is nothing to frame meanwhile.
  if (!me) return null;
  // Through the router, so an editor with unsaved changes can ask first; the sign-in route ends the session.
  const session: Session = { me, signOut: () => void navigate({ to: "/login", state: { signingOut: true } }) };
  const agent = me.role === "agent";
  return (
    <SessionContext value={session}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to={homeFor(me)} className="brand" activeOptions={{ exact: true }}>
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
                    <NavLink to="/surveys">Surveys</NavLink>
                    <NavLink to="/analytics">Analytics</NavLink>
                    <NavLink to="/responses">Responses</NavLink>
                    <NavLink to="/reviews">Reviews</NavLink>
                    <NavLink to="/kpis">KPIs</NavLink>
                  </>
                )}
                <NavLink to="/cases">Cases</NavLink>
                {agent && <NavLink to="/scorecard">My scorecard</NavLink>}
                {(me.role === "admin" || me.role === "manager") && (
                  <>
                    <NavLink to="/interactions/import">Import</NavLink>
                    <NavLink to="/settings">Settings</NavLink>
                  </>
                )}
                <NavLink to="/account">Account</NavLink>
              </ul>
            </nav>
            <div className="user" data-testid="current-user">
              <span className="user-email" title={me.email}>
                {me.email}
              </span>
              <span className="badge badge-role">{me.role}</span>
              <button type="button" className="button secondary small" onClick={session.signOut}>
                Log out
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
    </SessionContext>
  );
}
