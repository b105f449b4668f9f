// The signed-in person, shared with every screen behind the sign-in page, and the cache's part in signing in and out.
import type { QueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { keys, write, type Me } from "./queries";

export type Session = { me: Me; signOut: () => void };

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a signed-in SessionContext above it");
  return session;
}

// Agents have no survey or analytics access; their own follow-up cases are their home (the page opens on "Mine").
export const homeFor = (me: Me) => (me.role === "agent" ? "/cases" : "/surveys");

// Only same-site paths: an open redirect through ?next= would hand the login page to phishers.
export function safeNext(next: string | undefined, me: Me): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : homeFor(me);
}

// Only what no screen shows: a query still on screen would fetch again at once, as nobody, for a page on its way out.
const dropUnused = (queryClient: QueryClient) => queryClient.removeQueries({ type: "inactive" });

/** A new person in this browser: nothing cached for the last one may show. */
export function startSession(queryClient: QueryClient, me: Me): void {
  dropUnused(queryClient);
  queryClient.setQueryData(keys.me, me);
}

export async function endSession(queryClient: QueryClient): Promise<void> {
  // Signing out locally matters more than the server hearing about it; a lost request only leaves a session to expire.
  await write.signOut().catch(() => undefined);
  queryClient.setQueryData(keys.me, null);
  dropUnused(queryClient);
}
