// Request-body caps: small for forms and settings, larger for survey definitions and interaction batches.
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { PayloadTooLarge } from "../errors";

const KB = 1024;

type Cap = { maxSize: number; detail: string };

const cap = (maxSize: number, advice: string): Cap => {
  const size = maxSize >= 1024 * KB ? `${maxSize / (1024 * KB)} MB` : `${maxSize / KB} KB`;
  return { maxSize, detail: `The request body is larger than ${size}, the most this endpoint accepts. ${advice}` };
};

export const BODY_CAPS = {
  // 1000 interactions with every field at its longest ASCII length come to about 1.4 MB.
  interactions: cap(2048 * KB, "Send the interactions in smaller batches."),
  // 10,000 imported rows of a typical export (ids, dates, an address, a name, a few attributes) come to 3-4 MB.
  interactionImport: cap(8192 * KB, "Split the file into smaller ones and import each."),
  // 1000 imported rows of a dozen answers each, a comment among them, come to well under 4 MB.
  responseImport: cap(4096 * KB, "Send the responses in smaller batches."),
  survey: cap(512 * KB, "Make the survey smaller, for example by moving long texts or images to links."),
  other: cap(64 * KB, "Send less data in one request."),
};

function capFor(method: string, path: string): Cap {
  if (method === "POST" && path === "/api/interactions") return BODY_CAPS.interactions;
  if (method === "POST" && path === "/api/interactions/import") return BODY_CAPS.interactionImport;
  if (method === "POST" && path === "/api/responses/import") return BODY_CAPS.responseImport;
  if ((method === "POST" && path === "/api/surveys") || (method === "PUT" && /^\/api\/surveys\/[^/]+$/.test(path))) return BODY_CAPS.survey;
  return BODY_CAPS.other;
}

const limiters = new Map(
  Object.values(BODY_CAPS).map((c) => [
    c,
    bodyLimit({
      maxSize: c.maxSize,
      onError: () => {
        throw new PayloadTooLarge(c.detail);
      },
    }),
  ]),
);

/** Refuses an oversized body with 413 before any route reads it (by Content-Length, or while streaming). */
// GET and HEAD carry no body; skipping them also spares the Node adapter building a full Request,
// which bodyLimit's look at the raw body would force on every page and API read.
export const limitRequestBodies = createMiddleware((c, next) =>
  c.req.method === "GET" || c.req.method === "HEAD" ? next() : limiters.get(capFor(c.req.method, c.req.path))!(c, next),
);
