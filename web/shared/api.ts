// JSON over fetch for both web entries: problem+json answers become ApiError, lost connections NetworkError.
import type { FieldError } from "../../server/errors";

export type { FieldError };

/** What a server type looks like after a trip through JSON. */
export type Jsonified<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
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

type RequestOptions = {
  body?: unknown;
  signal?: AbortSignal;
  // Sign-in and the first "who am I" call expect 401 and handle it themselves.
  expectUnauthorized?: boolean;
};

let onUnauthorized: (() => void) | undefined;

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

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
  return new ApiError(res.status, title, detail, errors);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, signal, expectUnauthorized = false } = options;
  const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new NetworkError();
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !expectUnauthorized) onUnauthorized?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new NetworkError();
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, "body">) => request<T>("GET", path, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>("POST", path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, { ...options, body }),
};

export const isAbort = (err: unknown) => err instanceof DOMException && err.name === "AbortError";
