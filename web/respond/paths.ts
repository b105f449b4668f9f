// The link's secret from the page's path: read by the small entry script, before anything heavy loads.

/** The one path segment after `/<prefix>/` (a token or a kiosk's slug), decoded; null for any other path. */
export function secretFromPath(prefix: "s" | "k", pathname: string): string | null {
  const match = new RegExp(`^/${prefix}/([^/]+)/?$`).exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
