// Mailer over the Resend SDK; the SDK returns errors as values, which map onto retry decisions here.
import { Resend } from "resend";
import type { BatchResult, Mailer, OutgoingEmail, RateInfo } from "./mailer";

const RETRYABLE_NAMES = new Set(["rate_limit_exceeded", "concurrent_idempotent_requests", "application_error", "internal_server_error"]);

const number = (v: string | undefined) => {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** Reads `ratelimit-limit`, `-remaining`, `-reset` (seconds) and the window of `ratelimit-policy` ("2;w=1"). */
export function rateInfo(headers: Record<string, string> | null | undefined): RateInfo | undefined {
  if (!headers) return undefined;
  const window = /w=(\d+(?:\.\d+)?)/.exec(headers["ratelimit-policy"] ?? "")?.[1];
  const reset = number(headers["ratelimit-reset"]);
  const info: RateInfo = {
    limit: number(headers["ratelimit-limit"]),
    remaining: number(headers["ratelimit-remaining"]),
    resetMs: reset === undefined ? undefined : reset * 1000,
    windowMs: window ? Number(window) * 1000 : undefined,
  };
  return Object.values(info).some((v) => v !== undefined) ? info : undefined;
}

export function createResendMailer(apiKey: string, baseUrl?: string): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    kind: "resend",
    async sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult> {
      let result: Awaited<ReturnType<typeof resend.batch.send>>;
      try {
        result = await resend.batch.send(emails, { idempotencyKey });
      } catch (err) {
        return { ok: false, retryable: true, definite: false, message: `network error: ${String(err)}` };
      }
      const { data, error, headers } = result;
      const rate = rateInfo(headers);
      if (data && !error) return { ok: true, ids: data.data.map((d: { id: string }) => d.id), rate };
      const status = error?.statusCode ?? null;
      const retryAfter = number(headers?.["retry-after"]);
      return {
        ok: false,
        // The SDK reports a failed fetch as an error without a status: the request may or may not have arrived.
        definite: status !== null,
        retryable: status === null || status === 429 || status >= 500 || RETRYABLE_NAMES.has(error?.name ?? ""),
        retryAfterMs: retryAfter ? retryAfter * 1000 : undefined,
        message: `${status ?? "no status"} ${error?.name ?? "error"}: ${error?.message ?? "unknown"}`,
        rate,
      };
    },
  };
}
