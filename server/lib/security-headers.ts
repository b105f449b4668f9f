// Security headers for every response on both runtimes: one source, so Node, the Worker and the
// static-asset `_headers` file written at build time cannot drift apart.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // 'unsafe-inline' for styles only, checked in Chromium: survey-core 3 writes its theme variables into a
  // <style> element it creates at run time (ensureBaseThemeStyles), and the dev mailbox shows email HTML,
  // styled with style attributes as email must be, in a sandboxed srcdoc frame that inherits this policy.
  // Scripts stay 'self' only, and survey HTML is sanitized, so injected CSS has no script to pair with.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

export type SecurityHeaderOptions = { https: boolean };

/** The headers for a response to `path`; the respondent and unsubscribe pages' links carry a token, so they send no referrer. */
export function securityHeaders(path: string, { https }: SecurityHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": path.startsWith("/s/") || path.startsWith("/u/") ? "no-referrer" : "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    // Only over https: a browser ignores it on http, and sending it from localhost would pin nothing useful.
    ...(https && { "strict-transport-security": "max-age=31536000" }),
  };
}

export const IMMUTABLE_ASSET_CACHE = "public, max-age=31536000, immutable";

/** Applies the headers to a response, copying it first when its headers are read-only (fetched ones are). */
export function withSecurityHeaders(res: Response, path: string, options: SecurityHeaderOptions): Response {
  const out = new Response(res.body, res);
  for (const [name, value] of Object.entries(securityHeaders(path, options))) out.headers.set(name, value);
  return out;
}

/**
 * Cloudflare's `_headers` file for the hashed bundles, which Workers serve without running the Worker.
 * HSTS is left to the pages and API: it applies to the whole host, and the build does not know PUBLIC_URL.
 */
export function assetHeadersFile(): string {
  const lines = Object.entries({ ...securityHeaders("/assets/", { https: false }), "cache-control": IMMUTABLE_ASSET_CACHE }).map(
    ([name, value]) => `  ${name}: ${value}`,
  );
  return `/assets/*\n${lines.join("\n")}\n`;
}
