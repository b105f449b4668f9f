// The typed API client for both web entries: Hono's hc over the server's route types; a problem+json answer
// becomes ApiError, a lost connection NetworkError, a 401 the signed-in app's cue to ask for sign-in again.
import { hc, type ClientResponse } from "hono/client";
import type { ExtractSchema } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { App } from "../../server/app";
import type { FieldError } from "../../server/errors";

export type { FieldError };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly type = "about:blank",
    /** The problem's own members beyond the standard ones (e.g. `stale` on a 409). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

export class NetworkError extends Error {
  constructor() {
    super("We could not reach the server. Check your connection and try again.");
    this.name = "NetworkError";
  }
}

let onUnauthorized: (() => void) | undefined;

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

const send: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (err) {
    if (init?.signal?.aborted) throw err;
    throw new NetworkError();
  }
};

// One router whose paths widen to `string` (a validation hook typed with a plain Context does it) hides every
// route from hc, and the web app then fails to compile in a hundred places; this names the cause in one.
type PathsAreLiteral = string extends keyof ExtractSchema<App> ? "a server router's paths widened to string: check the hooks passed to .openapi()" : true;
export const appPathsAreLiteral: PathsAreLiteral = true;

/** Every endpoint under /api, typed by the server's routers. hc puts path params into the URL as given: pass `segment(id)`. */
export const api = hc<App>("/", { fetch: send, headers: { accept: "application/json, application/problem+json" } }).api;

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await res.json();
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page or an empty body: fall back to the status line.
  }
  const title = typeof body.title === "string" ? body.title : res.statusText || `Error ${res.status}`;
  const detail = typeof body.detail === "string" ? body.detail : title;
  const errors = Array.isArray(body.errors)
    ? body.errors.filter((e): e is FieldError => !!e && typeof e.path === "string" && typeof e.message === "string")
    : [];
  return new ApiError(res.status, title, detail, errors, typeof body.type === "string" ? body.type : undefined, body);
}

/** The JSON of a route's successful answers: what `read` resolves to. */
export type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

type ReadOptions = {
  // Sign-in, the one-time-link pages and the first "who am I" call expect 401 and handle it themselves.
  expectUnauthorized?: boolean;
};

/** Awaits a client call: its success body, or an ApiError / NetworkError thrown. */
export async function read<R extends ClientResponse<unknown, number, string>>(call: Promise<R>, options: ReadOptions = {}): Promise<Ok<R>> {
  const res = (await call) as unknown as Response;
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as Ok<R>;
  try {
    return (await res.json()) as Ok<R>;
  } catch {
    throw new NetworkError();
  }
}

/** A path param as hc needs it: an id or token with a `/` or `?` in it must not change the path. */
export const segment = (value: string) => encodeURIComponent(value);

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === "AbortError";
