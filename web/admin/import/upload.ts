// Sending a whole file's rows in one request with a progress bar: fetch cannot report upload progress, XMLHttpRequest can.
import { ApiError, NetworkError, api, read, type FieldError } from "../../shared/api-client";

/** Bytes sent so far of the request body; `sent === total` means the server is now working on it. */
export type UploadProgress = { sent: number; total: number };

function problemOf(status: number, statusText: string, text: string): ApiError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page or an empty body: fall back to the status line.
  }
  const title = typeof body.title === "string" ? body.title : statusText || `Error ${status}`;
  const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is FieldError => !!e && typeof e.path === "string" && typeof e.message === "string") : [];
  return new ApiError(status, title, typeof body.detail === "string" ? body.detail : title, errors, typeof body.type === "string" ? body.type : undefined);
}

/** POSTs JSON to `url`, reporting the upload's progress; resolves to the answer's JSON, or throws ApiError / NetworkError as `read` does. */
export function postJsonWithProgress<T>(url: string, body: unknown, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<T> {
  const payload = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", "application/json");
    xhr.setRequestHeader("accept", "application/json, application/problem+json");
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : payload.length });
    xhr.upload.onload = () => onProgress({ sent: payload.length, total: payload.length });
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException("The upload was stopped.", "AbortError"));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new NetworkError());
        }
        return;
      }
      // The app's return to the sign-in page listens on the typed client: a who-am-I call hands it the lapsed session.
      if (xhr.status === 401) void read(api.me.$get()).catch(() => undefined);
      reject(problemOf(xhr.status, xhr.statusText, xhr.responseText));
    };
    signal?.addEventListener("abort", () => xhr.abort());
    onProgress({ sent: 0, total: payload.length });
    xhr.send(payload);
  });
}
