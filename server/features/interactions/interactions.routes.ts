// HTTP contract of interaction ingestion (API key).
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, jsonBody, problems, security } from "../../lib/openapi";
import { orgContext } from "../../lib/route-context";
import { requireApiKey } from "../auth/auth.middleware";
import { ingestBody, ingestResult, interactionInput } from "./interactions.schemas";
import * as service from "./interactions.service";

const ingest = createRoute({
  method: "post",
  path: "/interactions",
  tags: ["Interactions"],
  summary: "Post service interactions (up to 1000 a request)",
  description:
    "Idempotent on `externalId`: posting the same interaction again stores nothing new and counts it as a duplicate. " +
    "Each interaction a live distribution rule selects plans an invitation, emailed at the rule's delay. " +
    "An invalid item rejects the whole request, naming each wrong field by its index.",
  security: security.apiKey,
  middleware: [requireApiKey],
  request: { body: jsonBody(ingestBody) },
  responses: {
    202: json(ingestResult, "Stored; invitations follow by email."),
    ...problems("unauthorized", "bad-request", "unsupported-media-type", "payload-too-large", "invalid-request"),
  },
});

const router = createRouter();
// The batch's items name this schema only by reference (see ingestBody), so it is registered here.
router.openAPIRegistry.register("Interaction", interactionInput);

export const interactionRoutes = router.openapi(ingest, async (c) => {
  return c.json(await service.ingestInteractions(orgContext(c), c.req.valid("json").interactions), 202);
});
