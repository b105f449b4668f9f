// A history.pushState router: a handful of screens do not need a routing library.
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

type Guard = () => string | null;

const listeners = new Set<() => void>();
const guards = new Set<Guard>();
const href = () => location.pathname + location.search;
let current = href();

function emit(): void {
  current = href();
  for (const listener of listeners) listener();
}

function leaveWarning(): string | null {
  for (const guard of guards) {
    const message = guard();
    if (message) return message;
  }
  return null;
}

window.addEventListener("popstate", () => {
  const message = leaveWarning();
  // The browser has already moved; putting the old entry back is the only way to "cancel" Back.
  if (message && !window.confirm(message)) {
    history.pushState(null, "", current);
    return;
  }
  emit();
});

/** True when nothing unsaved stands in the way, or the user agreed to drop it. */
export function confirmLeave(): boolean {
  const message = leaveWarning();
  return !message || window.confirm(message);
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (to === href()) return;
  if (!options.force && !confirmLeave()) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function useLocation(): { path: string; search: string; query: URLSearchParams } {
  const value = useSyncExternalStore(subscribe, href);
  const url = new URL(value, location.origin);
  return { path: url.pathname, search: url.search, query: url.searchParams };
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? "";
    if (part.startsWith(":")) {
      if (!actual) return null;
      params[part.slice(1)] = decodeURIComponent(actual);
    } else if (part !== actual) return null;
  }
  return params;
}

/** Asks before leaving while `message` is set: in-app links, Back, reloads and closing the tab. */
export function useLeaveGuard(message: string | null): void {
  useEffect(() => {
    if (!message) return;
    const guard: Guard = () => message;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = message;
    };
    guards.add(guard);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      guards.delete(guard);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [message]);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true, force: true }), [to]);
  return null;
}
