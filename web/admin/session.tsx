// The signed-in user, shared with every screen behind the sign-in page.
import { createContext, useContext } from "react";
import type { Me } from "./api-types";

export type Session = { me: Me; signOut: () => Promise<void> };

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession needs a signed-in SessionContext above it");
  return session;
}
