// Shared page furniture: headings that take focus, loading lines, problem banners and field messages.
import { useEffect, type ReactNode } from "react";
import { ApiError, NetworkError, type FieldError } from "../../shared/api-client";

export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} · Rapport`;
  }, [title]);
  // tabIndex lets the shell move focus here after a navigation, so screen readers start at the new page.
  return (
    <h1 tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

export function Loading({ children = "Loading…" }: { children?: ReactNode }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function problemText(error: unknown): { title: string; detail: string } {
  // The server's 422 title ("Invalid request") is for integrators; its detail already says what to fix.
  if (error instanceof ApiError) return { title: error.status === 422 ? "Check your entries" : error.title, detail: error.detail };
  if (error instanceof NetworkError) return { title: "Offline", detail: error.message };
  if (error && typeof error === "object" && "title" in error && "detail" in error) return { title: String(error.title), detail: String(error.detail) };
  return { title: "Unexpected error", detail: error instanceof Error ? error.message : String(error) };
}

/** The banner for a failed request; pass `error={null}` to keep the live region mounted but empty. */
export function ProblemBanner({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return <div role="alert" className="sr-only" />;
  const { title, detail } = problemText(error);
  return (
    <div role="alert" className="banner banner-error" data-testid="problem-banner">
      <p>
        <strong>{title}.</strong> {detail}
      </p>
      {children}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice" data-testid="notice">
      {children}
    </p>
  );
}

export const fieldErrorsAt = (error: unknown, path: string): FieldError[] =>
  error instanceof ApiError ? error.errors.filter((e) => e.path === path || e.path.startsWith(`${path}/`)) : [];

export function FieldMessage({ id, errors }: { id: string; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error" data-testid="field-error">
      {errors.map((e) => e.message).join("; ")}
    </p>
  );
}
