// Every setting in one zod schema, parsed once by a runtime entry and passed in.
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DATABASE_URL: z.string().default("file:data/rapport.db"),
  DATABASE_AUTH_TOKEN: optionalString,
  APP_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalString.pipe(z.url().optional()),
  // The signing secret of the Resend webhook (POST /api/webhooks/resend); without it delivery events are refused.
  RESEND_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be the webhook's signing secret as Resend shows it, starting with whsec_")
      .optional(),
  ),
  MAIL_FROM: z.string().default("Rapport <onboarding@resend.dev>"),
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().default(2),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(250).default(10_000),
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  // First-run setup on an empty database; Node generates one at start-up when unset, Workers need the secret.
  SETUP_TOKEN: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  // Node behind a reverse proxy: take the client address from the last X-Forwarded-For hop, which the proxy appends.
  TRUST_PROXY: z.stringbool({ error: "must be true or false" }).default(false),
});

export type RawConfig = z.infer<typeof configSchema>;

export function parseConfig(source: Record<string, string | undefined>): RawConfig {
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** What the app itself needs, whatever the runtime. */
export type AppSettings = {
  publicUrl: string;
  appSecret: string;
  mailFrom: string;
  mailRatePerSecond: number;
  devMailbox: boolean;
  // Bound parameters one SQL statement may carry: 100 on D1, far more on libSQL.
  maxSqlParams: number;
  production: boolean;
  // Whoever holds it may create the first organisation while none exists (GET/POST /api/setup).
  setupToken?: string;
  // Verifies Resend's delivery webhooks; unset, POST /api/webhooks/resend answers that it is not configured.
  resendWebhookSecret?: string;
};
