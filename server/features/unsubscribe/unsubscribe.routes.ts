// /u/<token>: the page an email's unsubscribe link opens (GET asks, never acts) and the one-click POST (RFC 8058)
// that mail clients send with no cookie; both answer HTML, never a redirect.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../app";
import { AppError } from "../../errors";
import { publicContext } from "../../lib/route-context";
import { confirmPage, donePage, problemPage, unknownLinkPage } from "./unsubscribe-page";
import * as service from "./unsubscribe.service";

// The page names a person's address and is theirs alone: no cache may keep it.
const PRIVATE = { "cache-control": "no-store" };

type Guards = {
  /** Per-address throttle for the page. The POST is left out: mailbox providers send one-click unsubscribes for
   * many of their users from a few addresses, and refusing one would leave someone subscribed. */
  page: MiddlewareHandler<AppEnv>;
};

export function unsubscribeRoutes(guards: Guards) {
  return new Hono<AppEnv>()
    .get("/:token", guards.page, async (c) => {
      const status = await service.unsubscribeStatus(publicContext(c), c.req.param("token"));
      if (!status) return c.html(unknownLinkPage(), 404, PRIVATE);
      return c.html(status.unsubscribed ? donePage(status) : confirmPage(status), 200, PRIVATE);
    })
    .post("/:token", async (c) => {
      // The body (List-Unsubscribe=One-Click, urlencoded or multipart) is not needed: the token says who.
      const done = await service.unsubscribe(publicContext(c), c.req.param("token"));
      if (!done) return c.html(unknownLinkPage(), 404, PRIVATE);
      return c.html(donePage(done), 200, PRIVATE);
    })
    .onError((err, c: Context<AppEnv>) => {
      if (err instanceof AppError) return c.html(problemPage(err.title, err.message), err.status as ContentfulStatusCode, { ...PRIVATE, ...err.headers });
      console.error(`[${c.get("requestId") ?? "-"}] unexpected error on ${c.req.method} ${c.req.path}`, err);
      return c.html(problemPage("Something went wrong", "We could not do that just now. Please try again in a few minutes."), 500, PRIVATE);
    });
}
