// HTTP contract of comments: search with sentiment and themes, the themes' summary, and the theme rules.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireRole } from "../auth/auth.middleware";
import { commentFilters, commentPage, commentsQuery, themeList, themesBody, themesSummary } from "./comments.schemas";
import * as service from "./comments.service";

const readers = requireRole("admin", "manager", "reviewer");
const tags = ["Analytics"];

const list = createRoute({
  method: "get",
  path: "/analytics/comments",
  tags,
  summary: "Search customers' comments, newest first",
  description:
    "Each free-text answer with its sentiment (scored offline with wink-sentiment: the AFINN-165 word list with emoji, emoticons and negation) and the themes whose keywords it contains.",
  security: security.session,
  middleware: [readers],
  request: { query: commentsQuery },
  responses: { 200: json(commentPage, "One page of comments."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const summary = createRoute({
  method: "get",
  path: "/analytics/comment-themes-summary",
  tags,
  summary: "How the comments split into themes",
  description: "Every theme with how many of the comments matching the filters it holds, its share and the newest examples.",
  security: security.session,
  middleware: [readers],
  request: { query: commentFilters },
  responses: { 200: json(themesSummary, "The themes, most frequent first."), ...problems("unauthorized", "forbidden", "not-found", "invalid-request") },
});

const themes = createRoute({
  method: "get",
  path: "/analytics/themes",
  tags,
  summary: "The keyword rules that sort comments into themes",
  description: "Seeded with common service themes the first time they are read; each with how many comments of the last 90 days it matches.",
  security: security.session,
  middleware: [readers],
  responses: { 200: json(themeList, "The themes in order."), ...problems("unauthorized", "forbidden") },
});

const replace = createRoute({
  method: "put",
  path: "/analytics/themes",
  tags,
  summary: "Replace the theme rules",
  description:
    "Replaces the whole list (1 to 20 themes with unique names, each with 1 to 30 keywords of 2 to 40 characters). Keywords match whole words or phrases, ignoring case, in every comment from now on.",
  security: security.session,
  middleware: [requireRole("admin")],
  request: { body: jsonBody(themesBody) },
  responses: {
    200: json(themeList, "The themes as stored."),
    ...problems("unauthorized", "forbidden", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

export const commentRoutes = createRouter()
  .openapi(list, async (c) => c.json(await service.listComments(orgContext(c), c.req.valid("query")), 200))
  .openapi(summary, async (c) => c.json(await service.summariseThemes(orgContext(c), c.req.valid("query")), 200))
  .openapi(themes, async (c) => c.json(await service.listThemes(orgContext(c)), 200))
  .openapi(replace, async (c) => c.json(await service.replaceThemes(orgContext(c), c.req.valid("json")), 200));
