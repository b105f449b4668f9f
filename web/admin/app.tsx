// The admin app: one query cache and one router for the session, and a lapsed session sent back to sign in.
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { whenUnauthorized } from "../shared/api-client";
import { createQueryClient, keys } from "./queries";
import { createAppRouter } from "./router";

function createApp() {
  const queryClient = createQueryClient();
  const router = createAppRouter(queryClient);
  whenUnauthorized(() => {
    const { pathname, href } = router.state.location;
    queryClient.setQueryData(keys.me, null);
    if (pathname === "/login") return;
    // The session is gone whatever the page holds: asking to keep unsaved changes could not save them.
    void router.navigate({ to: "/login", search: { next: href }, replace: true, ignoreBlocker: true });
  });
  return { queryClient, router };
}

export function App() {
  const [{ queryClient, router }] = useState(createApp);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
