// POST /api/webhooks/resend: delivery events from Resend, signed (Standard Webhooks) rather than signed in.
import { createRoute } from "@hono/zod-openapi";
import { createRouter, json, problems, security } from "../../lib/openapi";
import { publicContext } from "../../lib/route-context";
import { webhookReceipt } from "./webhooks.schemas";
import * as service from "./webhooks.service";

const resend = createRoute({
  method: "post",
  path: "/webhooks/resend",
  tags: ["Webhooks"],
  summary: "Receive a Resend delivery event",
  description: [
    "Point a Resend webhook here and set RESEND_WEBHOOK_SECRET to its signing secret. Each event is checked against its",
    "`svix-id`, `svix-timestamp` and `svix-signature` headers over the body as sent (within 5 minutes of our clock) and",
    "applied once per `svix-id`: deliveries, delays, bounces, complaints, failures and the provider's suppressions update",
    "the email's delivery; a permanent bounce, a complaint or a provider suppression puts the address on the suppression list.",
    "Opens and clicks are only noted, never counted as engagement. Other event types are acknowledged and ignored.",
  ].join(" "),
  security: security.none,
  responses: {
    200: json(webhookReceipt, "The event was received: applied, a duplicate, or ignored."),
    ...problems("unauthorized", "bad-request", "payload-too-large", "not-configured"),
  },
});

export const webhookRoutes = createRouter().openapi(resend, async (c) => {
  // The signature covers the body byte for byte, so it is read as text before anything parses it.
  const body = await c.req.text();
  const receipt = await service.receiveResendWebhook(publicContext(c), body, {
    id: c.req.header("svix-id"),
    timestamp: c.req.header("svix-timestamp"),
    signature: c.req.header("svix-signature"),
  });
  return c.json(receipt, 200);
});
