// Delivery events from Resend: verified over the raw body, applied once per event id, each updating its email's
// delivery; a hard bounce, a complaint or the provider's own suppression stops all email to the address.
import type { DeliveryState, SuppressionReason } from "../../../db/schema";
import { BadRequest, NotConfigured, Unauthorized } from "../../errors";
import { isUniqueViolation } from "../../lib/db-errors";
import { unitOfWork, type ServiceContext } from "../../lib/service-context";
import { verifyResendWebhook, type SignatureHeaders } from "../../mail/resend-webhooks";
import { customerIdFor, suppressCustomer } from "../customers/customers.service";
import { resendEvent, type ResendEvent, type WebhookReceipt } from "./webhooks.schemas";
import * as repo from "./webhooks.repo";

type Ctx = Pick<ServiceContext, "db" | "reactions" | "settings" | "now">;

/** What one event means for its email: a delivery state, a first open or click, and whether to suppress. */
type Effect = {
  delivery?: DeliveryState;
  detail?: string | null;
  engagement?: "opened" | "clicked";
  suppress?: { reason: SuppressionReason; detail: string };
};

// A later event never downgrades an earlier verdict: a retried "delayed" after "delivered", or "delivered" after
// a bounce or complaint, leaves the email as it was. States of one rank may replace each other.
const RANK: Record<DeliveryState, number> = { delayed: 0, delivered: 1, failed: 2, bounced: 2, suppressed: 2, complained: 3 };
const outranked = (state: DeliveryState) => (Object.keys(RANK) as DeliveryState[]).filter((s) => RANK[s] <= RANK[state]);

const words = (...parts: (string | undefined)[]) => parts.filter((p) => p?.trim()).join(" ") || null;

export function effectOf(event: ResendEvent): Effect | null {
  const { data } = event;
  switch (event.type) {
    case "email.delivered":
      return { delivery: "delivered" };
    case "email.delivery_delayed":
      return { delivery: "delayed" };
    case "email.bounced": {
      const b = data.bounce ?? {};
      const detail = `${words(b.type, b.subType && `(${b.subType})`) ?? "Bounce"}: ${b.message?.trim() || "no reason given"}`;
      // Only a permanent bounce says the address is dead; a transient one may deliver next time.
      const permanent = (b.type ?? "").toLowerCase() === "permanent";
      return { delivery: "bounced", detail, ...(permanent && { suppress: { reason: "bounced", detail } }) };
    }
    case "email.complained":
      return { delivery: "complained", suppress: { reason: "complained", detail: "The recipient marked an email as spam." } };
    case "email.failed":
      return { delivery: "failed", detail: data.failed?.reason?.trim() || "The provider did not say why." };
    case "email.suppressed": {
      const s = data.suppressed ?? {};
      const detail = `The provider would not send to this address: ${words(s.message) ?? s.type ?? "it is on its suppression list"}`;
      const reason = /complain/i.test(`${s.type} ${s.message}`) ? "complained" : "bounced";
      return { delivery: "suppressed", detail, suppress: { reason, detail } };
    }
    case "email.opened":
      return { engagement: "opened" };
    case "email.clicked":
      return { engagement: "clicked" };
    default:
      return null;
  }
}

const REFUSALS = {
  unsigned: "Send the svix-id, svix-timestamp and svix-signature headers Resend signs its webhooks with.",
  stale: "The signature's timestamp is more than 5 minutes away from our clock, so the event is refused as a possible replay.",
  forged: "The signature does not match this body. Check that RESEND_WEBHOOK_SECRET is this webhook's signing secret.",
};

/** Verifies a webhook delivery over its body exactly as received, then applies its event once. */
export async function receiveResendWebhook(ctx: Ctx, rawBody: string, headers: SignatureHeaders): Promise<WebhookReceipt> {
  const secret = ctx.settings.resendWebhookSecret;
  if (!secret) {
    throw new NotConfigured("Delivery events are not set up here: set RESEND_WEBHOOK_SECRET to the signing secret of the Resend webhook that posts to this address.");
  }
  const check = verifyResendWebhook(secret, rawBody, headers);
  if (!check.ok) {
    if (check.reason === "unreadable") throw new BadRequest("The signed body is not JSON.");
    throw new Unauthorized(REFUSALS[check.reason]);
  }
  const parsed = resendEvent.safeParse(check.event);
  const effect = parsed.success ? effectOf(parsed.data) : null;
  if (!parsed.success || !effect) return { outcome: "ignored" };
  return applyEvent(ctx, headers.id!, parsed.data, effect);
}

async function applyEvent(ctx: Ctx, eventId: string, event: ResendEvent, effect: Effect): Promise<WebhookReceipt> {
  const { db, now } = ctx;
  if (await repo.findEvent(db, eventId)) return { outcome: "duplicate" };
  const email = await repo.findInvitationByProviderId(db, event.data.email_id, event.data.tags?.invitation);
  const stamped = event.created_at ? new Date(event.created_at) : now;
  const at = Number.isNaN(stamped.getTime()) ? now : stamped;
  const extra = event.data.bounce ?? event.data.failed ?? event.data.suppressed ?? (event.data.click && { link: event.data.click.link });
  const work = unitOfWork(ctx).add(
    repo.insertEventStatement(db, {
      id: eventId,
      orgId: email?.orgId ?? null,
      invitationId: email?.id ?? null,
      type: event.type,
      occurredAt: at,
      detail: extra ? JSON.stringify(extra) : null,
      receivedAt: now,
    }),
  );
  if (email) {
    if (effect.delivery) {
      work.add(
        repo.setDeliveryStatement(db, email.id, {
          delivery: effect.delivery,
          detail: effect.detail ?? null,
          deliveredAt: effect.delivery === "delivered" ? at : null,
          over: outranked(effect.delivery),
        }),
      );
    }
    if (effect.engagement) work.add(repo.markEngagementStatement(db, email.id, effect.engagement, at));
    if (effect.suppress) {
      // Invitations written before customer records existed name only the address.
      const customerId = email.customerId ?? (await customerIdFor({ db, orgId: email.orgId, now }, email.email));
      suppressCustomer(work, { orgId: email.orgId, customerId, ...effect.suppress, invitationId: email.id, at: now });
    }
  }
  try {
    await work.commit();
  } catch (err) {
    // The same event delivered twice at once: the other delivery stored it, with its effects.
    if (isUniqueViolation(err)) return { outcome: "duplicate" };
    throw err;
  }
  return { outcome: email ? "applied" : "ignored" };
}
