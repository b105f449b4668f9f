// Mailer over the Resend SDK; the SDK returns errors as values, which map onto retry decisions here.
import { Resend } from "resend";
import type { BatchResult, Mailer, OutgoingEmail } from "./mailer";

const RETRYABLE_NAMES = new Set(["rate_limit_exceeded", "concurrent_idempotent_requests", "application_error", "internal_server_error"]);

export function createResendMailer(apiKey: string, baseUrl?: string): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: "resend",
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      let result: Awaited<ReturnType<typeof resend.batch.send>>;
      try {
        result = await resend.batch.send(emails, { idempotencyKey });
      } catch (err) {
        return { ok: false, retryable: true, message: `network error: ${String(err)}` };
      }
      const { data, error, headers } = result;
      if (data && !error) return { ok: true, ids: data.data.map((d: { id: string }) => d.id) };
      const status = error?.statusCode ?? null;
      const retryAfter = Number(headers?.["retry-after"]);
      return {
        ok: false,
        retryable: status === null || status === 429 || status >= 500 || RETRYABLE_NAMES.has(error?.name ?? ""),
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        message: `${status ?? "no status"} ${error?.name ?? "error"}: ${error?.message ?? "unknown"}`,
      };
    },
  };
}
